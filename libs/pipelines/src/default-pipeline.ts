import { StageCategory } from './entities/pipeline-stage.entity';

/** The pipeline every department starts with until a department plugin contributes its own. */
export const DEFAULT_PIPELINE: {
  key: string;
  name: string;
  stages: { key: string; name: string; category: StageCategory }[];
} = {
  key: 'conversations',
  name: 'Conversations',
  stages: [
    { key: 'new', name: 'New', category: 'open' },
    { key: 'in_progress', name: 'In progress', category: 'open' },
    { key: 'waiting', name: 'Waiting on customer', category: 'waiting' },
    { key: 'resolved', name: 'Resolved', category: 'done' },
    { key: 'closed', name: 'Closed', category: 'done' },
  ],
};
