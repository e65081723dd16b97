namespace Facturix.Domain.Activities;

public enum ActivityKind
{
    Call = 0,
    Email = 1,
    Note = 2,
    Task = 3,
    Status = 4,
    Comment = 5,
    Meeting = 6,
}
