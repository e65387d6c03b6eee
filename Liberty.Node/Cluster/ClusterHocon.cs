using System.Globalization;
using Akka.Configuration;

namespace Liberty.Node.Cluster;

/// <summary>The Akka configuration of a cluster member: remoting, seeds, roles, failure detection and the split brain resolver.</summary>
internal static class ClusterHocon
{
    /// <summary>Builds the configuration for <paramref name="options"/> (validated and <see cref="ClusterOptions.Enabled"/>).</summary>
    /// <param name="options">The cluster options.</param>
    /// <param name="nodeName">The node's name (its <see cref="NodeRole"/>).</param>
    /// <param name="version">The product version members show each other (<c>cluster show</c>).</param>
    /// <returns>The configuration.</returns>
    public static Config Create(ClusterOptions options, string nodeName, Version version)
    {
        ArgumentNullException.ThrowIfNull(options);
        var protocol = options.Tls.Enabled ? "akka.ssl.tcp" : "akka.tcp";
        var seeds = string.Join(", ", options.Seeds.Select(seed =>
        {
            if (!ClusterOptions.TryParseHostPort(seed, out var host, out var port, out var error))
            {
                throw new ArgumentException($"Cluster:Seeds: {error} (options must be validated before start)", nameof(options));
            }
            return Quote($"{protocol}://{options.Name}@{ClusterOptions.AddressHost(host)}:{port.ToString(CultureInfo.InvariantCulture)}");
        }));
        var roles = string.Join(", ", options.Roles.Prepend(NodeRole.For(nodeName)).Select(Quote));
        return ConfigurationFactory.ParseString($$"""
            akka {
              actor.provider = cluster
              remote {
                log-remote-lifecycle-events = off
                dot-netty.tcp {
                  hostname = {{Quote(options.Host)}}
                  public-hostname = {{Quote(options.AdvertisedHost)}}
                  port = {{options.Port.ToString(CultureInfo.InvariantCulture)}}
                  enable-ssl = {{(options.Tls.Enabled ? "on" : "off")}}
                }
              }
              cluster {
                seed-nodes = [{{seeds}}]
                roles = [{{roles}}]
                app-version = {{Quote($"{version.Major}.{version.Minor}.{Math.Max(0, version.Build)}")}}
                log-info = off
                # Gateways restart quickly: ask the seeds again every 3 s rather than Akka's 5 s / 10 s.
                seed-node-timeout = 3s
                retry-unsuccessful-join-after = 3s
                # A node that is downed stops itself through the node's own orderly stop (LibertyNode), not Akka's.
                run-coordinated-shutdown-when-down = off
                downing-provider-class = "Akka.Cluster.SBR.SplitBrainResolverProvider, Akka.Cluster"
                split-brain-resolver {
                  active-strategy = keep-majority
                  stable-after = {{Millis(options.StableAfter)}}
                  down-all-when-unstable = on
                }
                # Check for unreachable members twice a second (Akka: once), so a dead member is reported sooner.
                unreachable-nodes-reaper-interval = 500ms
                failure-detector {
                  heartbeat-interval = {{Millis(options.HeartbeatInterval)}}
                  acceptable-heartbeat-pause = {{Millis(options.AcceptableHeartbeatPause)}}
                }
              }
            }
            """);
    }

    private static string Millis(TimeSpan time) => ((long)time.TotalMilliseconds).ToString(CultureInfo.InvariantCulture) + "ms";

    private static string Quote(string text) => "\"" + text.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal) + "\"";
}
