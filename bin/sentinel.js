#!/usr/bin/env node
// Thin launcher: the CLI is compiled to dist/ by `npm run build` (run automatically by `npm ci` via `prepare`).
'use strict';
const path = require('node:path');
const fs = require('node:fs');
const entry = path.join(__dirname, '..', 'dist', 'workers', 'cli', 'main.js');
if (!fs.existsSync(entry)) {
  process.stderr.write('sentinel: not built yet; run `npm run build` (or `npm ci`) first\n');
  process.exit(2);
}
require(entry);
