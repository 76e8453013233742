/**
 * Child process of a parallel synth (parallel-synth.ts): reads the v8-serialized model and build
 * options from the file named by its argument and synthesizes those stacks into options.outdir.
 * Exit 0 when done; any error goes to stderr, which the parent quotes.
 */
import { readFileSync } from 'node:fs';
import { deserialize } from 'node:v8';
import { buildApp } from './app';
import type { WorkerPayload } from './parallel-synth';

const payloadFile = process.argv[2];
if (!payloadFile) throw new Error('synth-worker: expected the payload file as its argument (it is started by parallel-synth.ts)');
const { model, options } = deserialize(readFileSync(payloadFile)) as WorkerPayload;
buildApp(model, options).synth();
