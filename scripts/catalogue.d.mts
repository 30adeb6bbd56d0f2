import type { RuleInfo } from '../src/rule/shape.js';

export declare function ordered(files: readonly string[], catalogued: readonly string[]): string[];
export declare function catalogueSource(rules: readonly RuleInfo[]): string;
