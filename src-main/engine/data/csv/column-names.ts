/**
 * Column names from a header row: trimmed, blank names become "column N" and repeated names get a
 * " (2)" suffix, so every column can be chosen by a unique name. Without a header every column is
 * "column N" (1-based, as a spreadsheet user counts).
 */
export function makeColumnNames(header: readonly string[] | null, count: number): string[] {
  const names: string[] = [];
  const used = new Set<string>();
  for (let index = 0; index < count; index += 1) {
    const base = header?.[index]?.trim() || `column ${index + 1}`;
    let name = base;
    for (let copy = 2; used.has(name); copy += 1) name = `${base} (${copy})`;
    used.add(name);
    names.push(name);
  }
  return names;
}
