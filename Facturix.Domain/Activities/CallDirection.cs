namespace Facturix.Domain.Activities;

public enum CallDirection
{
    Outbound = 0,
    Inbound = 1,
}
