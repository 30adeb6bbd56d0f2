import type { RuleInfo } from '../src/rule/shape.js';

export declare const TABLE_START: string;
export declare const TABLE_END: string;
export declare function rulesTable(rules: readonly RuleInfo[]): string;
export declare function replaceTable(readme: string, table: string): string;
