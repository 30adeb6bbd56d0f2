/** ESLint's JSON formatter's shape: the array of results, as is. */
import type { Formatter } from './formatter.js';

export const formatJson: Formatter = (results) => JSON.stringify(results);
