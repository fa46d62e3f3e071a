import type { ResponseOf } from '../../src-main/contract/api-contract';
import type { TrainStartRequest } from '../../src-main/contract/train-schemas';

/** Shapes the renderer works with, all derived from the contract so they cannot drift from it. */
export type ModelSpec = TrainStartRequest['spec'];
export type DataSettings = TrainStartRequest['data'];
export type BackendChoice = TrainStartRequest['backend'];
export type CellType = ModelSpec['cell'];
export type OptimizerName = ModelSpec['optimizer'];
export type AppInfo = ResponseOf<'app:info'>;
export type ProjectEntry = ResponseOf<'project:list'>[number];

export type Theme = 'light' | 'dark';
export type ViewName = 'designer' | 'data' | 'train' | 'forecast' | 'runs' | 'language';
