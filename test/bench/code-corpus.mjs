/**
 * Generates a corpus of JS/TS files that look like a real Node service: most files are routes,
 * services, repositories and utilities that touch no AWS SDK; about 3% sign S3 URLs.
 * Deterministic for a given seed, so every run of `npm run bench` lints the same code.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';

function random(seed) {
  let state = seed >>> 0;
  return () => {
    state = (state * 1664525 + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
}

const ENTITIES = ['user', 'order', 'invoice', 'product', 'cart', 'payment', 'shipment', 'review', 'coupon', 'report'];

function route(name, ts) {
  const T = ts ? ': Request' : '';
  const R = ts ? ': Response' : '';
  return `${ts ? "import type { Request, Response } from 'express';\n" : ''}import { ${name}Service } from './${name}-service';

const PAGE_SIZE = 50;

export async function list${cap(name)}s(req${T}, res${R}) {
  const page = Number(req.query.page ?? 1);
  const items = await ${name}Service.list({ offset: (page - 1) * PAGE_SIZE, limit: PAGE_SIZE });
  res.json({ items, page });
}

export async function get${cap(name)}(req${T}, res${R}) {
  const item = await ${name}Service.get(req.params.id);
  if (!item) {
    res.status(404).json({ error: '${name} not found' });
    return;
  }
  res.json(item);
}

export async function create${cap(name)}(req${T}, res${R}) {
  const errors = validate${cap(name)}(req.body);
  if (errors.length > 0) {
    res.status(400).json({ errors });
    return;
  }
  res.status(201).json(await ${name}Service.create(req.body));
}

function validate${cap(name)}(body${ts ? ': Record<string, unknown>' : ''}) {
  const errors${ts ? ': string[]' : ''} = [];
  if (typeof body.name !== 'string' || body.name.length === 0) errors.push('name is required');
  if (body.tags !== undefined && !Array.isArray(body.tags)) errors.push('tags must be a list');
  return errors;
}
`;
}

function service(name, ts) {
  return `import { db } from './db';
${ts ? `\nexport interface ${cap(name)} {\n  id: string;\n  name: string;\n  createdAt: Date;\n  tags: string[];\n}\n` : ''}
const cache = new Map${ts ? `<string, ${cap(name)}>` : ''}();

export const ${name}Service = {
  async list({ offset, limit }${ts ? ': { offset: number; limit: number }' : ''}) {
    const rows = await db.query('SELECT * FROM ${name}s ORDER BY created_at DESC LIMIT $1 OFFSET $2', [limit, offset]);
    return rows.map(to${cap(name)});
  },
  async get(id${ts ? ': string' : ''}) {
    const hit = cache.get(id);
    if (hit) return hit;
    const [row] = await db.query('SELECT * FROM ${name}s WHERE id = $1', [id]);
    const item = row ? to${cap(name)}(row) : undefined;
    if (item) cache.set(id, item);
    return item;
  },
  async create(input${ts ? `: Omit<${cap(name)}, 'id' | 'createdAt'>` : ''}) {
    const [row] = await db.query('INSERT INTO ${name}s (name, tags) VALUES ($1, $2) RETURNING *', [input.name, input.tags ?? []]);
    return to${cap(name)}(row);
  },
};

function to${cap(name)}(row${ts ? ': Record<string, any>' : ''})${ts ? `: ${cap(name)}` : ''} {
  return { id: String(row.id), name: row.name, createdAt: new Date(row.created_at), tags: row.tags ?? [] };
}
`;
}

function util(i, ts) {
  return `export function chunk${i}${ts ? '<T>' : ''}(items${ts ? ': T[]' : ''}, size${ts ? ': number' : ''})${ts ? ': T[][]' : ''} {
  const out${ts ? ': T[][]' : ''} = [];
  for (let index = 0; index < items.length; index += size) out.push(items.slice(index, index + size));
  return out;
}

export function retry${i}(fn${ts ? ': () => Promise<unknown>' : ''}, attempts = 3, delayMs = 100) {
  return new Promise((resolve, reject) => {
    const attempt = (left${ts ? ': number' : ''}) => {
      fn().then(resolve, (error) => {
        if (left <= 1) reject(error);
        else setTimeout(() => attempt(left - 1), delayMs * (attempts - left + 1));
      });
    };
    attempt(attempts);
  });
}

export const formatMoney${i} = (cents${ts ? ': number' : ''}, currency = 'EUR') =>
  new Intl.NumberFormat('en-GB', { style: 'currency', currency }).format(cents / 100);
`;
}

const PRESIGN = [
  (ts) => `import { GetObjectCommand, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { getSignedUrl } from '@aws-sdk/s3-request-presigner';

const s3 = new S3Client({ region: 'eu-west-1', requestChecksumCalculation: 'WHEN_REQUIRED' });
const TTL = 15 * 60;

export async function downloadUrl(key${ts ? ': string' : ''}) {
  return getSignedUrl(s3, new GetObjectCommand({ Bucket: 'files', Key: key }), { expiresIn: TTL });
}

export async function uploadUrl(key${ts ? ': string' : ''}) {
  return getSignedUrl(s3, new PutObjectCommand({ Bucket: 'files', Key: key }), { expiresIn: TTL });
}
`,
  () => `const AWS = require('aws-sdk');

const s3 = new AWS.S3({ signatureVersion: 'v4', region: 'eu-central-1' });

exports.link = (key) => s3.getSignedUrl('getObject', { Bucket: 'assets', Key: key, Expires: 600 });
`,
  (ts) => `import { Client } from 'minio';

const minio = new Client({ endPoint: 'minio.local', accessKey: 'k', secretKey: 's' });

export function photo(name${ts ? ': string' : ''}) {
  return minio.presignedGetObject('photos', name, 3600);
}
`,
];

function cap(s) {
  return s.charAt(0).toUpperCase() + s.slice(1);
}

/** Writes `count` files below `dir`; returns how many of them presign. */
export function generateCodeCorpus(dir, count = 3000, seed = 42) {
  const next = random(seed);
  let presigning = 0;
  for (let i = 0; i < count; i++) {
    const ts = next() < 0.7;
    const ext = ts ? 'ts' : 'js';
    const entity = ENTITIES[i % ENTITIES.length];
    const folder = path.join(dir, `module-${Math.floor(i / 100)}`);
    mkdirSync(folder, { recursive: true });
    const roll = next();
    let text;
    if (roll < 0.03) {
      text = PRESIGN[i % PRESIGN.length](ts);
      presigning++;
    } else if (roll < 0.35) text = route(entity, ts);
    else if (roll < 0.7) text = service(entity, ts);
    else text = util(i, ts);
    writeFileSync(path.join(folder, `${entity}-${i}.${ext}`), text);
  }
  return { files: count, presigning };
}
