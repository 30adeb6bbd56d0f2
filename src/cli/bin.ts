#!/usr/bin/env node
/** presign-audit: the thin bin; everything happens in execute(). */
import { execute } from './execute.js';

process.exitCode = await execute(process.argv.slice(2));
