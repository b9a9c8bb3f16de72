using IdeaHub.Web.Data;
using Microsoft.Extensions.Options;
using Npgsql;
using Pgvector.Npgsql;

namespace IdeaHub.Web.Duplicates;

/// <summary>Raw-SQL access for vector search and the queue, on the app's database (EF cannot express HNSW ordering).</summary>
public sealed class DuplicatesData(IOptions<DatabaseInfo> info) : IDisposable
{
    /// <summary>
    /// HNSW search settings are session options of these connections: ef_search 200 measured recall@10 0.988 at
    /// 100,000 and 0.977 at 1,000,000 proposals (ef_search 100: 0.976 and 0.959, too close to the 0.95 target;
    /// docs/benchmarks.md); relaxed iterative scans keep filtered (per-Pemkab) searches from returning too few rows.
    /// Statements are auto-prepared, which saves most of the planning of the hybrid query. JIT is off: compiling takes
    /// longer than these queries run, and large tables' cost estimates can cross jit_above_cost.
    /// </summary>
    public NpgsqlDataSource Source { get; } = Build(info.Value.ConnectionString);

    private static NpgsqlDataSource Build(string connectionString)
    {
        var builder = new NpgsqlDataSourceBuilder(new NpgsqlConnectionStringBuilder(connectionString)
        {
            Options = "-c hnsw.ef_search=200 -c hnsw.iterative_scan=relaxed_order -c jit=off",
            MaxAutoPrepare = 20,
            AutoPrepareMinUsages = 2,
        }.ConnectionString);
        builder.UseVector();
        return builder.Build();
    }

    public void Dispose() => Source.Dispose();
}
