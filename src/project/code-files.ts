/** Which files presign-audit reads as code: JS/TS as one program (audit-code.ts), Python file by file (src/python). */
import path from 'node:path';

export const CODE_EXTENSIONS: readonly string[] = ['.ts', '.tsx', '.mts', '.cts', '.js', '.jsx', '.mjs', '.cjs'];

export function isCodeFile(filePath: string): boolean {
  return CODE_EXTENSIONS.includes(path.extname(filePath).toLowerCase()) && !/\.d\.[cm]?ts$/i.test(filePath);
}

export const PYTHON_EXTENSIONS: readonly string[] = ['.py'];

export function isPythonFile(filePath: string): boolean {
  return PYTHON_EXTENSIONS.includes(path.extname(filePath).toLowerCase());
}
