import type { FileAnalyser } from './analyser.js';
import { gitaly } from './gitaly.js';
import { nginx, nginxError } from './nginx.js';
import { pgStatStatements } from './pg-stat-statements.js';
import { postgresql } from './postgres.js';
import { postgresCsv } from './postgres-csv.js';
import { apiJson, productionJson, webservice } from './rails-json.js';
import { redisInfo } from './redis-info.js';
import { redisSlowlog } from './redis-slowlog.js';
import { sidekiq } from './sidekiq.js';
import { strace } from './strace.js';
import { systemFiles } from './system-files.js';
import { kernelLog } from './system-kernel.js';

// Every kind of input the engine knows, in the order they are asked: the first whose accepts() says yes reads
// the file. Analysers that claim by path come first, those that recognise a file by its first line after them.
// To add one: write <kind>.ts exporting a FileAnalyser and append it here.
export const analysers: FileAnalyser[] = [
  // kubeSOS's webservice.log first: its lines also look like production_json's
  webservice,
  productionJson,
  apiJson,
  sidekiq,
  gitaly,
  // PostgreSQL, Redis, NGINX, strace and the host (the SQL/system helper's): a pg_stat_statements CSV before
  // csvlog before the stderr log, since all three can sit under a postgres path
  pgStatStatements,
  postgresCsv,
  postgresql,
  redisInfo,
  redisSlowlog,
  nginx,
  nginxError,
  strace,
  kernelLog,
  ...systemFiles,
];
