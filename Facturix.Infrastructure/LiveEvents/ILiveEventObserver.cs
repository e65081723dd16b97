using Facturix.Domain.LiveEvents;

namespace Facturix.Infrastructure.LiveEvents;

/// <summary>
/// Sees every live event this instance receives synchronously, on the listener's thread, before any subscriber's
/// queue is offered it: so what an observer records is already true when a page's handler runs (the dashboard's
/// freshness, docs/decisions/0063). <see cref="Observe"/> must be instant and never wait or do I/O; registered in DI.
/// </summary>
public interface ILiveEventObserver
{
    void Observe(LiveEvent liveEvent);
}
