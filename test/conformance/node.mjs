// node test/conformance/node.mjs [--a2a-peer=<url> --a2a-no-push=<url>] — in process, then over a real
// 127.0.0.1 socket via the Node adapter; then the ./a2a suite against the peers the runner started.
import { serve } from '@molecule-ai/a2a-client/node';
import { a2aPeersFromArgs, runA2AConformance } from './a2a-suite.js';
import { builtPackageResult, report, runConformance } from './suite.js';

const results = await runConformance({ serve: (handler) => serve(handler, { host: '127.0.0.1', port: 0 }) });
results.push(builtPackageResult((specifier) => import.meta.resolve(specifier)), ...(await runA2AConformance(a2aPeersFromArgs(process.argv.slice(2)))));
report(`node ${process.versions.node}`, results);
