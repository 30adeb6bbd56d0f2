/** Which files presign-audit reads as code (one program; see audit-code.ts). */
import path from 'node:path';

export const CODE_EXTENSIONS: readonly string[] = ['.ts', '.tsx', '.mts', '.cts', '.js', '.jsx', '.mjs', '.cjs'];

export function isCodeFile(filePath: string): boolean {
  return CODE_EXTENSIONS.includes(path.extname(filePath).toLowerCase()) && !/\.d\.[cm]?ts$/i.test(filePath);
}
