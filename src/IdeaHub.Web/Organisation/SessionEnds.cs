namespace IdeaHub.Web.Organisation;

/// <summary>
/// Carries "this user's sessions ended" to the other app instances of a cluster (the Redis relay in Cluster/); a
/// single instance has none.
/// </summary>
public interface ISessionEndRelay
{
    void Publish(Guid userId);
}

/// <summary>
/// Ends a user's sessions once their security stamp changed (deactivation, password reset, role or OPD change): the
/// cached stamp is dropped and their hub connections are closed, here and, through <see cref="ISessionEndRelay"/>, on
/// every other instance (issue 11.4 with several instances, issue 16).
/// </summary>
public sealed class SessionEnds(SessionGuard sessions, HubSessions hubs, IEnumerable<ISessionEndRelay> relays)
{
    public void End(Guid userId)
    {
        EndHere(sessions, hubs, userId);
        foreach (var relay in relays) relay.Publish(userId);
    }

    /// <summary>What every instance does when it learns of the end, its own or another's.</summary>
    public static void EndHere(SessionGuard sessions, HubSessions hubs, Guid userId)
    {
        sessions.Forget(userId);
        hubs.CloseUser(userId);
    }
}
