using Microsoft.AspNetCore.Http.HttpResults;

namespace IdeaHub.Web.Organisation;

/// <summary>Field errors keyed by camelCase field name (case-insensitive, so Razor inputs match too).</summary>
public sealed class FieldErrors : Dictionary<string, string[]>
{
    public FieldErrors() : base(StringComparer.OrdinalIgnoreCase) { }

    public void Add(string field, string message) =>
        this[field] = TryGetValue(field, out var existing) ? [.. existing, message] : [message];

    public string? For(string field) => TryGetValue(field, out var m) ? string.Join(" ", m) : null;
}

public enum AdminOutcome { Ok, Invalid, NotFound, Conflict }

/// <summary>What an admin action did: the value, field errors, or not found (including another Pemkab's row).</summary>
public sealed record AdminResult<T>(AdminOutcome Outcome, T? Value = default, FieldErrors? Errors = null)
{
    public static AdminResult<T> Ok(T value) => new(AdminOutcome.Ok, value);
    public static AdminResult<T> Invalid(FieldErrors errors) => new(AdminOutcome.Invalid, Errors: errors);
    public static AdminResult<T> Missing() => new(AdminOutcome.NotFound);
    public static AdminResult<T> Conflict(FieldErrors errors) => new(AdminOutcome.Conflict, Errors: errors);

    public async Task<Results<Ok<TOut>, ValidationProblem, NotFound, ProblemHttpResult>> ToHttpAsync<TOut>(Func<T, Task<TOut>> map, string title) =>
        Outcome == AdminOutcome.Ok ? TypedResults.Ok(await map(Value!)) : ToHttp<TOut>(_ => throw new InvalidOperationException(), title);

    /// <summary>The API's answer: 200 with the value, 400 validation problem, 404, or 409 problem.</summary>
    public Results<Ok<TOut>, ValidationProblem, NotFound, ProblemHttpResult> ToHttp<TOut>(Func<T, TOut> map, string title) => Outcome switch
    {
        AdminOutcome.Ok => TypedResults.Ok(map(Value!)),
        AdminOutcome.Invalid => TypedResults.ValidationProblem(Errors!, title: title),
        AdminOutcome.Conflict => TypedResults.Problem(string.Join(" ", Errors!.Values.SelectMany(v => v)), statusCode: StatusCodes.Status409Conflict,
            extensions: new Dictionary<string, object?> { ["errors"] = Errors }),
        _ => TypedResults.NotFound(),
    };
}
