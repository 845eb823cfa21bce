import type { SparkMetric } from '../../store/state.js';
import { selectHistoryReadings } from '../../store/selectors.js';
import { useLvs } from './use-lvs.js';

/** The last `count` samples of the chosen metric for one row; re-read on every reading. */
export function useHistory(id: string | null, count: number): { samples: Float32Array; metric: SparkMetric } {
  useLvs(selectHistoryReadings);
  const metric = useLvs((state) => state.metric);
  const history = useLvs((state) => state.history);
  const samples = id === null || history === null || count <= 0 ? new Float32Array(0) : history.last(id, metric, count);
  return { samples, metric };
}
