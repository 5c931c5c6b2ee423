#requires -Version 7.2
<#
.SYNOPSIS
Prints the peak memory of a monthly export that streams straight to a CSV file, for 3 and for 30 days of 10 busy
streams: with records flowing down the pipeline, memory follows the largest responses in flight, not the days.
#>
param(
    [string] $ModulePath = (Join-Path $PSScriptRoot '../../out/AcrCloud/AcrCloud.psd1')
)

$ErrorActionPreference = 'Stop'
Set-StrictMode -Version 3
$ModulePath = (Resolve-Path $ModulePath).Path
Import-Module (Join-Path $PSScriptRoot '../StandIn.psm1')
$hostPath = [Environment]::ProcessPath
$pwsh = if ([IO.Path]::GetFileNameWithoutExtension($hostPath) -eq 'dotnet') { @($hostPath, [Environment]::GetCommandLineArgs()[0]) } else { @($hostPath) }
$standIn = Start-AcrCloudStandIn
$csv = Join-Path ([IO.Path]::GetTempPath()) "acrcloud-streaming-$PID.csv"
try {
    foreach ($days in 3, 30) {
        # Each size in a fresh process, so its peak working set is its own.
        $code = @"
Import-Module '$ModulePath'
Connect-AcrCloud -BearerToken '$($standIn.Token)' -BaseUrl '$($standIn.Url)'
`$ProgressPreference = 'SilentlyContinue'
`$streams = 1..10 | ForEach-Object { 's-bench-{0:00}' -f `$_ }
`$watch = [Diagnostics.Stopwatch]::StartNew()
Get-AcrBmCsResult -ProjectId 2001 -StreamId `$streams -From 2026-10-01 -To 2026-10-$('{0:00}' -f $days) | ConvertTo-AcrBmCsPlay | Export-Csv '$csv'
'{0:N1}|{1:N0}' -f `$watch.Elapsed.TotalSeconds, ([Diagnostics.Process]::GetCurrentProcess().PeakWorkingSet64 / 1MB)
"@
        $seconds, $peak = (& $pwsh[0] @($pwsh | Select-Object -Skip 1) -NoProfile -NonInteractive -Command $code | Select-Object -Last 1) -split '\|'
        [pscustomobject]@{ Days = $days; Rows = (Get-Content $csv).Count - 1; Seconds = $seconds; 'Peak MB' = $peak }
    }
}
finally {
    $standIn | Stop-AcrCloudStandIn
    Remove-Item $csv -ErrorAction Ignore
}
