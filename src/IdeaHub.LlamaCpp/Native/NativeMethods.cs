using System.Runtime.InteropServices;

namespace IdeaHub.LlamaCpp.Native;

// Signatures follow llama.h exactly. Only pointer and primitive types cross the boundary, so no marshalling
// stubs run per call (the decode loop calls several of these per token). C bools are returned as byte.
#pragma warning disable CA1707, IDE1006, SYSLIB1054
internal static unsafe class NativeMethods
{
    public const string Llama = "llama";
    public const string Ggml = "ggml";

    [DllImport(Ggml)] public static extern void ggml_backend_load_all_from_path(byte* dirPath);
    [DllImport(Llama)] public static extern void llama_backend_init();
    [DllImport(Llama)] public static extern void llama_log_set(delegate* unmanaged[Cdecl]<int, byte*, void*, void> callback, void* userData);

    [DllImport(Llama)] public static extern llama_model_params llama_model_default_params();
    [DllImport(Llama)] public static extern llama_context_params llama_context_default_params();
    [DllImport(Llama)] public static extern nint llama_model_load_from_file(byte* path, llama_model_params parameters);
    [DllImport(Llama)] public static extern void llama_model_free(nint model);
    [DllImport(Llama)] public static extern nint llama_init_from_model(nint model, llama_context_params parameters);
    [DllImport(Llama)] public static extern void llama_free(nint ctx);

    [DllImport(Llama)] public static extern uint llama_n_ctx(nint ctx);
    [DllImport(Llama)] public static extern uint llama_n_ctx_seq(nint ctx);
    [DllImport(Llama)] public static extern uint llama_n_batch(nint ctx);
    [DllImport(Llama)] public static extern nint llama_get_memory(nint ctx);
    [DllImport(Llama)] public static extern int llama_pooling_type(nint ctx);
    [DllImport(Llama)] public static extern byte llama_memory_seq_rm(nint memory, int seqId, int p0, int p1);
    [DllImport(Llama)] public static extern void llama_memory_clear(nint memory, byte data);

    [DllImport(Llama)] public static extern nint llama_model_get_vocab(nint model);
    [DllImport(Llama)] public static extern int llama_model_n_ctx_train(nint model);
    [DllImport(Llama)] public static extern int llama_model_n_embd(nint model);
    [DllImport(Llama)] public static extern int llama_model_meta_val_str(nint model, byte* key, byte* buf, nuint bufSize);
    [DllImport(Llama)] public static extern nint llama_model_chat_template(nint model, byte* name);
    [DllImport(Llama)] public static extern int llama_vocab_n_tokens(nint vocab);
    [DllImport(Llama)] public static extern byte llama_vocab_is_eog(nint vocab, int token);

    [DllImport(Llama)] public static extern int llama_tokenize(nint vocab, byte* text, int textLen, int* tokens, int nTokensMax, byte addSpecial, byte parseSpecial);
    [DllImport(Llama)] public static extern int llama_token_to_piece(nint vocab, int token, byte* buf, int length, int lstrip, byte special);
    [DllImport(Llama)] public static extern int llama_chat_apply_template(byte* tmpl, llama_chat_message* chat, nuint nMsg, byte addAssistant, byte* buf, int length);

    [DllImport(Llama)] public static extern llama_batch llama_batch_init(int nTokens, int embd, int nSeqMax);
    [DllImport(Llama)] public static extern void llama_batch_free(llama_batch batch);
    [DllImport(Llama)] public static extern int llama_decode(nint ctx, llama_batch batch);
    [DllImport(Llama)] public static extern float* llama_get_embeddings_seq(nint ctx, int seqId);
    [DllImport(Llama)] public static extern float* llama_get_embeddings_ith(nint ctx, int i);

    [DllImport(Llama)] public static extern llama_sampler_chain_params llama_sampler_chain_default_params();
    [DllImport(Llama)] public static extern nint llama_sampler_chain_init(llama_sampler_chain_params parameters);
    [DllImport(Llama)] public static extern void llama_sampler_chain_add(nint chain, nint sampler);
    [DllImport(Llama)] public static extern void llama_sampler_free(nint sampler);
    [DllImport(Llama)] public static extern int llama_sampler_sample(nint sampler, nint ctx, int idx);
    [DllImport(Llama)] public static extern nint llama_sampler_init_greedy();
    [DllImport(Llama)] public static extern nint llama_sampler_init_dist(uint seed);
    [DllImport(Llama)] public static extern nint llama_sampler_init_top_k(int k);
    [DllImport(Llama)] public static extern nint llama_sampler_init_top_p(float p, nuint minKeep);
    [DllImport(Llama)] public static extern nint llama_sampler_init_min_p(float p, nuint minKeep);
    [DllImport(Llama)] public static extern nint llama_sampler_init_temp(float t);
    [DllImport(Llama)] public static extern nint llama_sampler_init_penalties(int nVocab, int penaltyLastN, float penaltyRepeat, float penaltyFreq, float penaltyPresent);
    [DllImport(Llama)] public static extern nint llama_sampler_init_grammar(nint vocab, byte* grammar, byte* root);
}
#pragma warning restore CA1707, IDE1006, SYSLIB1054
