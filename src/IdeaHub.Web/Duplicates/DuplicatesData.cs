using IdeaHub.Web.Data;
using Microsoft.Extensions.Options;
using Npgsql;

namespace IdeaHub.Web.Duplicates;

/// <summary>Raw-SQL access for vector search and the queue, on the app's database (EF cannot express HNSW ordering).</summary>
public sealed class DuplicatesData(IOptions<DatabaseInfo> info) : IDisposable
{
    public NpgsqlDataSource Source { get; } = NpgsqlDataSource.Create(info.Value.ConnectionString);

    public void Dispose() => Source.Dispose();
}
