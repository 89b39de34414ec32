#!/usr/bin/env node
// The `molecule-a2a` program. Importing `@molecule-ai/a2a-client/cli` runs nothing; running this file does.
import { main } from './main.js';

// No top-level await: keep the program loadable however a runtime evaluates it.
void main();
