/**
 * The `molecule-a2a` command line as functions: `runCli(argv)` runs one command line and resolves
 * with its exit code; `main()` runs the process's own arguments, as the `molecule-a2a` bin does.
 * Importing this module runs nothing. Node only (it reads stdin, files and the PATH).
 *
 * @module
 */
export { main } from './main.js';
export { runCli } from './run.js';
