using System.CommandLine;
using Segmenta.Cli;

return await SegmentaCli.RunAsync(args).ConfigureAwait(false);
