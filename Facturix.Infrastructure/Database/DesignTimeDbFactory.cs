using Microsoft.EntityFrameworkCore.Design;

namespace Facturix.Infrastructure.Database;

/// <summary>Lets `dotnet ef migrations add` build the model without starting the app or a database.</summary>
internal sealed class DesignTimeDbFactory : IDesignTimeDbContextFactory<FacturixDb>
{
    public FacturixDb CreateDbContext(string[] args)
    {
        return FacturixDbOptions.CreateContext("Host=localhost;Database=facturix_design");
    }
}
