import type { RuleInfo } from '../src/rule/shape.js';

export declare function catalogueSource(rules: readonly RuleInfo[]): string;
