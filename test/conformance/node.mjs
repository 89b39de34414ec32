// node test/conformance/node.mjs — in process, then over a real 127.0.0.1 socket via the Node adapter.
import { serve } from '@molecule-ai/a2a-client/node';
import { builtPackageResult, report, runConformance } from './suite.js';

const results = await runConformance({ serve: (handler) => serve(handler, { host: '127.0.0.1', port: 0 }) });
results.push(builtPackageResult((specifier) => import.meta.resolve(specifier)));
report(`node ${process.versions.node}`, results);
