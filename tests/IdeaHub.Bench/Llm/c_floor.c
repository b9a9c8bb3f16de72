// The floor: one greedy stream over the same libllama, no scheduling, no managed code.
// usage: c_floor LIBDIR MODEL THREADS NTOKENS "PROMPT"   -> prints elapsed seconds (prompt included)
#define _POSIX_C_SOURCE 199309L
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include "llama.h"
#include "ggml-backend.h"

static void quiet(enum ggml_log_level level, const char * text, void * data) { (void)level; (void)text; (void)data; }

static double now(void) { struct timespec t; clock_gettime(CLOCK_MONOTONIC, &t); return t.tv_sec + t.tv_nsec / 1e9; }

int main(int argc, char ** argv) {
    if (argc < 6) return 2;
    int threads = atoi(argv[3]), n_gen = atoi(argv[4]);
    const char * prompt = argv[5];
    llama_log_set(quiet, NULL);
    ggml_backend_load_all_from_path(argv[1]);
    llama_backend_init();
    struct llama_model_params mp = llama_model_default_params();
    struct llama_model * model = llama_model_load_from_file(argv[2], mp);
    if (!model) return 1;
    const struct llama_vocab * vocab = llama_model_get_vocab(model);
    struct llama_context_params cp = llama_context_default_params();
    cp.n_ctx = 512; cp.n_batch = 512; cp.n_ubatch = 512; cp.n_threads = threads; cp.n_threads_batch = threads;
    struct llama_context * ctx = llama_init_from_model(model, cp);
    struct llama_sampler * smpl = llama_sampler_chain_init(llama_sampler_chain_default_params());
    llama_sampler_chain_add(smpl, llama_sampler_init_greedy());

    double t0 = now();
    llama_token tokens[512];
    int n = llama_tokenize(vocab, prompt, (int)strlen(prompt), tokens, 512, true, false);
    if (llama_decode(ctx, llama_batch_get_one(tokens, n))) return 1;
    for (int i = 0; i < n_gen; i++) {
        llama_token t = llama_sampler_sample(smpl, ctx, -1);
        if (llama_decode(ctx, llama_batch_get_one(&t, 1))) return 1;
    }
    printf("%.6f\n", now() - t0);
    llama_sampler_free(smpl);
    llama_free(ctx);
    llama_model_free(model);
    llama_backend_free();
    return 0;
}
