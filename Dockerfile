# syntax=docker/dockerfile:1
#
# Container image of one Liberty Cluster node.
#
#   docker build -t liberty-node .
#   docker run -d --name liberty -p 9110:9110 -v liberty-data:/data liberty-node
#
# The node keeps its state (journal, API token) in the /data volume and serves the management
# API on port 9110. Inside the container it listens on all interfaces so that -p works; every
# endpoint but /health needs the bearer token, which the node creates at its first start:
#   docker exec liberty cat /data/admin.token

# global.json pins the SDK band (10.0.4xx, latest patch): the build image must carry an SDK of
# that band. Override with --build-arg DOTNET_VERSION=<tag> if the default tag does not.
ARG DOTNET_VERSION=10.0

FROM mcr.microsoft.com/dotnet/sdk:${DOTNET_VERSION} AS build
WORKDIR /src
COPY . .
# The NuGet cache mount keeps restores fast across builds without putting packages in a layer.
RUN --mount=type=cache,id=liberty-nuget,target=/root/.nuget/packages \
    dotnet publish Liberty.Node/Liberty.Node.csproj -c Release -o /app -p:UseAppHost=false

FROM mcr.microsoft.com/dotnet/aspnet:${DOTNET_VERSION} AS runtime
# curl for the health check only; the runtime image has no HTTP client.
RUN apt-get update \
 && apt-get install -y --no-install-recommends curl \
 && rm -rf /var/lib/apt/lists/*
WORKDIR /app
COPY --from=build /app ./
# APP_UID is the image's built-in unprivileged user (`app`). /data is created and owned by it
# before VOLUME, so a new named volume starts with that owner.
RUN mkdir -p /data && chown "$APP_UID" /data
VOLUME /data
USER $APP_UID
EXPOSE 9110
# The cluster port, when the node joins a cluster (LIBERTY__Cluster__* settings; docs/operating.md).
EXPOSE 4053
HEALTHCHECK --interval=30s --timeout=5s --start-period=15s --retries=3 \
  CMD ["curl", "-fsS", "-o", "/dev/null", "http://127.0.0.1:9110/health"]
ENTRYPOINT ["dotnet", "liberty.dll", "run", "--data", "/data", "--http", "0.0.0.0:9110"]
