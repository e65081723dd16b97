namespace Facturix.Domain.Dashboard.Goals;

/// <summary>Codes of goal validation failures (issue 16); <c>GoalInputValidator</c> raises them.</summary>
public static class GoalErrors
{
    public static IReadOnlyList<string> All { get; } = [];
}
