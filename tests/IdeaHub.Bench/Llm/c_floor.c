// The floor: one greedy stream over the very libllama LLamaSharp loads, no scheduling, no managed code.
// usage: c_floor MODEL THREADS NTOKENS "PROMPT"   -> prints elapsed seconds (prompt included)
// llama.h of LLamaSharp's llama.cpp build is not shipped, so the few declarations used are written here. The two
// parameter structs are only passed through (defaults in, unchanged out), so they are declared as opaque blocks of
// the size LLamaSharp's own C# mirrors have (-DMODEL_PARAMS_SIZE / -DCONTEXT_PARAMS_SIZE, from Marshal.SizeOf);
// threads are set with llama_set_n_threads and the default context (512 tokens) holds prompt + 64 tokens.
#define _POSIX_C_SOURCE 199309L
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

typedef int32_t llama_token;
struct llama_model_params { _Alignas(8) unsigned char bytes[MODEL_PARAMS_SIZE]; };
struct llama_context_params { _Alignas(8) unsigned char bytes[CONTEXT_PARAMS_SIZE]; };
struct llama_sampler_chain_params { bool no_perf; };
struct llama_batch { int32_t n_tokens; llama_token * token; float * embd; int32_t * pos; int32_t * n_seq_id; int32_t ** seq_id; int8_t * logits; };
struct llama_model; struct llama_context; struct llama_vocab; struct llama_sampler;

void llama_backend_init(void);
void llama_backend_free(void);
void llama_log_set(void (*cb)(int, const char *, void *), void * data);
struct llama_model_params llama_model_default_params(void);
struct llama_context_params llama_context_default_params(void);
struct llama_sampler_chain_params llama_sampler_chain_default_params(void);
struct llama_model * llama_model_load_from_file(const char * path, struct llama_model_params params);
struct llama_context * llama_init_from_model(struct llama_model * model, struct llama_context_params params);
void llama_set_n_threads(struct llama_context * ctx, int32_t n_threads, int32_t n_threads_batch);
const struct llama_vocab * llama_model_get_vocab(const struct llama_model * model);
int32_t llama_tokenize(const struct llama_vocab * vocab, const char * text, int32_t len, llama_token * tokens, int32_t n_max, bool add_special, bool parse_special);
struct llama_batch llama_batch_get_one(llama_token * tokens, int32_t n_tokens);
int32_t llama_decode(struct llama_context * ctx, struct llama_batch batch);
struct llama_sampler * llama_sampler_chain_init(struct llama_sampler_chain_params params);
void llama_sampler_chain_add(struct llama_sampler * chain, struct llama_sampler * smpl);
struct llama_sampler * llama_sampler_init_greedy(void);
llama_token llama_sampler_sample(struct llama_sampler * smpl, struct llama_context * ctx, int32_t idx);
void llama_sampler_free(struct llama_sampler * smpl);
void llama_free(struct llama_context * ctx);
void llama_model_free(struct llama_model * model);

static void quiet(int level, const char * text, void * data) { (void)level; (void)text; (void)data; }

static double now(void) { struct timespec t; clock_gettime(CLOCK_MONOTONIC, &t); return t.tv_sec + t.tv_nsec / 1e9; }

int main(int argc, char ** argv) {
    if (argc < 5) return 2;
    int threads = atoi(argv[2]), n_gen = atoi(argv[3]);
    const char * prompt = argv[4];
    llama_log_set(quiet, NULL);
    llama_backend_init();
    struct llama_model * model = llama_model_load_from_file(argv[1], llama_model_default_params());
    if (!model) return 1;
    const struct llama_vocab * vocab = llama_model_get_vocab(model);
    struct llama_context * ctx = llama_init_from_model(model, llama_context_default_params());
    if (!ctx) return 1;
    llama_set_n_threads(ctx, threads, threads);
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
