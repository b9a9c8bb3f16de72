using System.Diagnostics;
using System.Reflection;
using System.Runtime.InteropServices;
using System.Text;
using IdeaHub.LlamaCpp.Native;

namespace IdeaHub.LlamaCpp.Tests;

/// <summary>
/// Compiles a C program against the installed llama.h that prints sizeof and offsetof of every field our
/// blittable structs declare, and compares with the managed layout. A header change fails here, not in a crash.
/// </summary>
public sealed class StructLayoutTests
{
    private static readonly Type[] Structs =
        [typeof(llama_model_params), typeof(llama_context_params), typeof(llama_batch), typeof(llama_sampler_chain_params), typeof(llama_chat_message)];

    [Fact]
    public void Managed_structs_match_the_C_header_field_by_field()
    {
        var native = RunLayoutProgram();
        var managed = new List<string>();
        foreach (var t in Structs)
        {
            managed.Add($"{t.Name} size {Marshal.SizeOf(t)}");
            foreach (var f in t.GetFields(BindingFlags.Public | BindingFlags.Instance))
                managed.Add($"{t.Name}.{f.Name} {Marshal.OffsetOf(t, f.Name)} {Marshal.SizeOf(f.FieldType.IsPointer ? typeof(nint) : f.FieldType)}");
        }

        Assert.Equal(native, managed);
        Assert.Contains("llama_context_params size 160", native);
        Assert.Contains("llama_model_params size 80", native);
    }

    [Fact]
    public void Every_C_field_is_declared_in_the_managed_struct()
    {
        // The C compiler proves each named field exists; this proves none were left out (sizes would hide padding).
        foreach (var t in Structs)
        {
            var sum = t.GetFields(BindingFlags.Public | BindingFlags.Instance).Max(f =>
                (int)Marshal.OffsetOf(t, f.Name) + Marshal.SizeOf(f.FieldType.IsPointer ? typeof(nint) : f.FieldType));
            Assert.True(Marshal.SizeOf(t) - sum < IntPtr.Size, $"{t.Name}: trailing bytes after the last field suggest a missing field");
        }
    }

    private static List<string> RunLayoutProgram()
    {
        var c = new StringBuilder("#include <stdio.h>\n#include <stddef.h>\n#include \"llama.h\"\nint main(void) {\n");
        foreach (var t in Structs)
        {
            c.Append($"  printf(\"{t.Name} size %zu\\n\", sizeof(struct {t.Name}));\n");
            foreach (var f in t.GetFields(BindingFlags.Public | BindingFlags.Instance))
                c.Append($"  printf(\"{t.Name}.{f.Name} %zu %zu\\n\", offsetof(struct {t.Name}, {f.Name}), sizeof(((struct {t.Name}*)0)->{f.Name}));\n");
        }
        c.Append("  return 0;\n}\n");

        var dir = TestPaths.TempDir("layout");
        var source = Path.Combine(dir, "layout.c");
        var exe = Path.Combine(dir, "layout");
        File.WriteAllText(source, c.ToString());
        Run("cc", $"-std=c11 -I {Path.Combine(TestPaths.LlamaFolder, "include")} -o {exe} {source}");
        return Run(exe, "").Split('\n', StringSplitOptions.RemoveEmptyEntries).ToList();
    }

    private static string Run(string file, string args)
    {
        using var p = Process.Start(new ProcessStartInfo(file, args) { RedirectStandardOutput = true, RedirectStandardError = true })!;
        var output = p.StandardOutput.ReadToEnd();
        var error = p.StandardError.ReadToEnd();
        p.WaitForExit();
        Assert.True(p.ExitCode == 0, $"{file} failed: {error}");
        return output;
    }
}
