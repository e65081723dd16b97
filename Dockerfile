# Build and publish the app; the runtime image holds only the published output.
FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build
WORKDIR /src
COPY global.json Directory.Build.props Directory.Packages.props Facturix.Blazor.sln ./
COPY Facturix.Domain/Facturix.Domain.csproj Facturix.Domain/
COPY Facturix.Infrastructure/Facturix.Infrastructure.csproj Facturix.Infrastructure/
COPY Facturix.App/Facturix.App.csproj Facturix.App/
RUN dotnet restore Facturix.App/Facturix.App.csproj
COPY Facturix.Domain/ Facturix.Domain/
COPY Facturix.Infrastructure/ Facturix.Infrastructure/
COPY Facturix.App/ Facturix.App/
RUN dotnet publish Facturix.App/Facturix.App.csproj -c Release -o /app --no-restore

FROM mcr.microsoft.com/dotnet/aspnet:10.0
WORKDIR /app
COPY --from=build /app .
ENV ASPNETCORE_URLS=http://+:8080
EXPOSE 8080
# Owned by the app user, so a named volume mounted there (compose.yaml) is writable: it keeps data-protection.pfx.
RUN mkdir -p /var/lib/facturix && chown app /var/lib/facturix && chmod 700 /var/lib/facturix
USER app
ENTRYPOINT ["dotnet", "Facturix.App.dll"]
