using System.Data.Common;
using System.Runtime.CompilerServices;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace IdeaHub.Web.Organisation;

/// <summary>
/// Any change of a user's role, OPD, Pemkab or active flag renews their security stamp in the same save, whoever
/// makes it (admin page, API, import): old cookies and bearer tokens carry the old stamp and <see cref="SessionGuard"/>
/// refuses them. When the stamp changed (also by a password reset) and the change is committed, the user's cached
/// stamp is dropped and their hub connections are closed, on every instance (<see cref="SessionEnds"/>).
/// </summary>
public sealed class SessionStampInterceptor(SessionEnds ends) : SaveChangesInterceptor, IDbTransactionInterceptor
{
    private readonly ConditionalWeakTable<DbContext, HashSet<Guid>> _pending = new();

    public override async ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData, InterceptionResult<int> result, CancellationToken ct = default)
    {
        if (eventData.Context is { } db) await RenewStampsAsync(db, ct);
        return result;
    }

    public override InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
    {
        if (eventData.Context is { } db) RenewStampsAsync(db, default).AsTask().GetAwaiter().GetResult();
        return result;
    }

    public override ValueTask<int> SavedChangesAsync(SaveChangesCompletedEventData eventData, int result, CancellationToken ct = default)
    {
        AfterSave(eventData.Context);
        return ValueTask.FromResult(result);
    }

    public override int SavedChanges(SaveChangesCompletedEventData eventData, int result)
    {
        AfterSave(eventData.Context);
        return result;
    }

    private async ValueTask RenewStampsAsync(DbContext db, CancellationToken ct)
    {
        // Entries() detects changes first, so the modified flags are current.
        var renew = new HashSet<Guid>();
        foreach (var e in db.ChangeTracker.Entries<AppUser>().Where(e => e.State == EntityState.Modified))
        {
            if (new[] { nameof(AppUser.OpdId), nameof(AppUser.PemkabId), nameof(AppUser.IsActive) }.Any(p => e.Property(p).IsModified))
                renew.Add(e.Entity.Id);
        }
        foreach (var e in db.ChangeTracker.Entries<IdentityUserRole<Guid>>().Where(e => e.State is EntityState.Added or EntityState.Deleted))
        {
            // A new user's first role is no change of rights.
            if (db.ChangeTracker.Entries<AppUser>().Any(u => u.Entity.Id == e.Entity.UserId && u.State == EntityState.Added)) continue;
            renew.Add(e.Entity.UserId);
        }
        foreach (var id in renew)
        {
            var user = db.ChangeTracker.Entries<AppUser>().FirstOrDefault(u => u.Entity.Id == id)?.Entity
                ?? await db.Set<AppUser>().FindAsync([id], ct);
            if (user is not null) user.SecurityStamp = Guid.NewGuid().ToString("N").ToUpperInvariant();
        }
        var changed = db.ChangeTracker.Entries<AppUser>()
            .Where(e => e.State == EntityState.Modified && e.Property(u => u.SecurityStamp).IsModified)
            .Select(e => e.Entity.Id);
        var pending = _pending.GetOrCreateValue(db);
        lock (pending) pending.UnionWith(changed);
    }

    private void AfterSave(DbContext? db)
    {
        if (db is null) return;
        if (db.Database.CurrentTransaction is null) Flush(db);
        else
        {
            // Closing now is harmless (a client reconnects with its still-valid session); closing again at commit
            // makes sure no request re-cached the old stamp in between.
            Notify(Pending(db));
        }
    }

    private HashSet<Guid> Pending(DbContext db)
    {
        if (!_pending.TryGetValue(db, out var pending)) return [];
        lock (pending) return [.. pending];
    }

    private void Flush(DbContext db)
    {
        if (!_pending.TryGetValue(db, out var pending)) return;
        HashSet<Guid> ids;
        lock (pending)
        {
            ids = [.. pending];
            pending.Clear();
        }
        Notify(ids);
    }

    private void Notify(IEnumerable<Guid> ids)
    {
        foreach (var id in ids) ends.End(id);
    }

    public void TransactionCommitted(DbTransaction transaction, TransactionEndEventData eventData)
    {
        if (eventData.Context is { } db) Flush(db);
    }

    public Task TransactionCommittedAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken ct = default)
    {
        TransactionCommitted(transaction, eventData);
        return Task.CompletedTask;
    }

    public void TransactionRolledBack(DbTransaction transaction, TransactionEndEventData eventData)
    {
        if (eventData.Context is { } db && _pending.TryGetValue(db, out var pending)) lock (pending) pending.Clear();
    }

    public Task TransactionRolledBackAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken ct = default)
    {
        TransactionRolledBack(transaction, eventData);
        return Task.CompletedTask;
    }
}
