// The peer: node-llama-cpp 3.22.1 (same native libraries) generating greedily on 1 or N sequences of one context.
// usage: node node_peer.mjs MODEL THREADS NTOKENS SEQUENCES "PROMPT"  -> prints elapsed seconds (prompt included)
import { getLlama } from "node-llama-cpp";

const [modelPath, threads, nTokens, sequences, prompt] = process.argv.slice(2);
const llama = await getLlama({ gpu: false, build: "never", logLevel: "error" });
const model = await llama.loadModel({ modelPath });
const context = await model.createContext({ contextSize: 512 * Number(sequences), sequences: Number(sequences), threads: Number(threads), batchSize: 512 });

async function generate(sequence) {
  const tokens = model.tokenize(prompt);
  let count = 0;
  for await (const _ of sequence.evaluate(tokens, { temperature: 0 })) {
    if (++count >= Number(nTokens)) break;
  }
}

const seqs = Array.from({ length: Number(sequences) }, () => context.getSequence());
const t0 = performance.now();
await Promise.all(seqs.map(generate));
console.log(((performance.now() - t0) / 1000).toFixed(6));
await context.dispose();
await model.dispose();
