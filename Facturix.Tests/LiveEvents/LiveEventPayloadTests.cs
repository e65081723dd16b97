using System.Reflection;
using Facturix.Domain.LiveEvents;
using Facturix.Infrastructure.LiveEvents;

namespace Facturix.Tests.LiveEvents;

/// <summary>The wire form of live events, without a database.</summary>
public sealed class LiveEventPayloadTests
{
    /// <summary>Every concrete event in the Domain: a new one without its [JsonDerivedType] line fails here.</summary>
    public static TheoryData<Type> EveryEventType() => new(ConcreteEventTypes());

    private static IEnumerable<Type> ConcreteEventTypes() =>
        typeof(LiveEvent).Assembly.GetTypes()
            .Where(t => t is { IsAbstract: false, IsClass: true } && t.IsAssignableTo(typeof(LiveEvent)))
            .OrderBy(t => t.Name);

    [Theory]
    [MemberData(nameof(EveryEventType))]
    public void Every_event_type_survives_the_trip_through_json(Type eventType)
    {
        var original = SampleOf(eventType);

        var payload = LiveEventPayload.Serialize(original);
        var back = LiveEventPayload.Deserialize(payload);

        Assert.Contains("\"type\":", payload, StringComparison.Ordinal);
        Assert.Equal(original, back);
    }

    [Fact]
    public void The_reflection_finds_the_events()
    {
        var found = ConcreteEventTypes().ToList();
        Assert.Contains(typeof(LeadLocked), found);
        Assert.Contains(typeof(LiveEventsResynced), found);
    }

    [Fact]
    public void A_payload_over_the_notify_limit_is_refused_with_the_reason()
    {
        var tooBig = new LeadLocked(Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid(), new string('x', 8_000));

        var ex = Assert.Throws<LiveEventTooLargeException>(() => LiveEventPayload.Serialize(tooBig));

        Assert.Equal(nameof(LeadLocked), ex.EventType);
        Assert.True(ex.SizeInBytes > LiveEventPayload.MaxBytes);
        Assert.Equal(LiveEventPayload.MaxBytes, ex.LimitInBytes);
        Assert.Contains(nameof(LeadLocked), ex.Message, StringComparison.Ordinal);
        Assert.Contains("ids, not rows", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_resync_is_never_published()
    {
        Assert.Throws<ArgumentException>(() => LiveEventPayload.SerializeForNotify([new LiveEventsResynced()]));
    }

    /// <summary>An instance with a non-default value in every constructor parameter.</summary>
    private static LiveEvent SampleOf(Type eventType)
    {
        var constructor = eventType.GetConstructors().OrderByDescending(c => c.GetParameters().Length).First();
        var arguments = constructor.GetParameters().Select(SampleValue).ToArray();
        return (LiveEvent)constructor.Invoke(arguments);
    }

    private static object SampleValue(ParameterInfo parameter)
    {
        var type = Nullable.GetUnderlyingType(parameter.ParameterType) ?? parameter.ParameterType;
        if (type == typeof(Guid)) return Guid.NewGuid();
        if (type == typeof(string)) return $"sample {parameter.Name} é";
        if (type == typeof(int)) return 42;
        if (type == typeof(long)) return 42L;
        if (type == typeof(bool)) return true;
        if (type == typeof(decimal)) return 12.5m;
        if (type == typeof(DateTimeOffset)) return new DateTimeOffset(2026, 3, 14, 15, 9, 26, TimeSpan.Zero);
        if (type.IsEnum) return Enum.GetValues(type).Cast<object>().Last();
        if (type == typeof(IReadOnlyList<Guid>)) return new List<Guid> { Guid.NewGuid(), Guid.NewGuid() };
        throw new NotSupportedException(
            $"No sample value for {type.Name} (parameter {parameter.Name}): add one to {nameof(SampleValue)}.");
    }
}
