#requires -Version 7.2
<#
.SYNOPSIS
Times the AcrCloud module against a plain Invoke-RestMethod loop and a Python acrclient-style client, and
prints a table of wall time and peak memory. A benchmark, not a test: nothing here passes or fails.
.DESCRIPTION
Workloads, all against the local stand-in (tests/AcrCloud.StandIn), project 2001 "Bench":
  OneStream      s-bench-01 for 30 UTC days, 475 records a day.
  TenStreams     s-bench-01..10 for 30 days each, on a second stand-in that adds 100 ms to every request,
                 as a distant API would.
  BigDay         one day of s-bench-big: 47,500 records, about 50 MB of JSON.
  SmallRequests  300 GETs of /api/bm-cs-projects/2001, one call each.
Tools: AcrCloud (Get-AcrBmCsResult / Invoke-AcrCloudRequest), Irm (what a user writes: one Invoke-RestMethod per
stream-day with an Authorization header, keeping .data), Python (tests/bench/acrclient_reference.py; left out
with a note when python3 with requests is missing).

Each run is a fresh process (BenchWorker.ps1 for the PowerShell tools, python3 for the reference) that times
itself after start-up and import and reports its own peak working set, so one run's memory never leaks into
another's figure. Every day is fetched once before timing so the stand-in's one-off generation is not measured.
.PARAMETER ModulePath
The built module manifest. Default: out/AcrCloud/AcrCloud.psd1 in the repository (build.ps1 makes it).
.PARAMETER Quick
A smoke run in well under a minute: 3 days instead of 30, 3 streams instead of 10, a big day of 4,750 records,
30 small requests, one run each.
.PARAMETER Repeat
Runs per tool and workload; the time shown is their median. Default: 3 for OneStream and SmallRequests,
1 for TenStreams and BigDay (1 for everything with -Quick).
.PARAMETER Skip
Leaves out runs: "Workload/Tool" patterns with wildcards, or a bare workload or tool name.
For example -Skip BigDay/Irm (the slowest, 20 s+ and over 2 GB), -Skip Python, -Skip TenStreams.
.EXAMPLE
dotnet pwsh -NoProfile -File tests/bench/Invoke-Benchmark.ps1 -Quick
#>
[CmdletBinding()]
param(
    [string] $ModulePath = (Join-Path $PSScriptRoot '../../out/AcrCloud/AcrCloud.psd1'),
    [switch] $Quick,
    [ValidateRange(0, 99)]
    [int] $Repeat = 0,
    [string[]] $Skip = @()
)

$ErrorActionPreference = 'Stop'
Set-StrictMode -Version 3

$projectId = 2001
$firstDay = '2026-10-01'
$perDay = 475
$bigPerDay = if ($Quick) { 4750 } else { 47500 }
$days = if ($Quick) { 3 } else { 30 }
$streamCount = if ($Quick) { 3 } else { 10 }
$smallCount = if ($Quick) { 30 } else { 300 }
$delayMs = 100
$tools = 'AcrCloud', 'Irm', 'Python'
$worker = Join-Path $PSScriptRoot 'BenchWorker.ps1'
$reference = Join-Path $PSScriptRoot 'acrclient_reference.py'

function Get-Runs ([int] $Default) {
    if ($Repeat -gt 0) { $Repeat } elseif ($Quick) { 1 } else { $Default }
}

$workloads = @(
    [pscustomobject]@{
        Key = 'OneStream'; Kind = 'Results'; Delayed = $false; Streams = @('s-bench-01'); Days = $days; Count = 0
        Expected = $perDay * $days; Runs = Get-Runs 3; Label = "1 stream × $days days"
    }
    [pscustomobject]@{
        Key = 'TenStreams'; Kind = 'Results'; Delayed = $true; Days = $days; Count = 0
        Streams = @(1..$streamCount | ForEach-Object { 's-bench-{0:00}' -f $_ })
        Expected = $perDay * $days * $streamCount; Runs = Get-Runs 1; Label = "$streamCount streams × $days days, +$delayMs ms"
    }
    [pscustomobject]@{
        Key = 'BigDay'; Kind = 'Results'; Delayed = $false; Streams = @('s-bench-big'); Days = 1; Count = 0
        Expected = $bigPerDay; Runs = Get-Runs 1; Label = '1 big day'
    }
    [pscustomobject]@{
        Key = 'SmallRequests'; Kind = 'Requests'; Delayed = $false; Streams = @(); Days = 0; Count = $smallCount
        Expected = $smallCount; Runs = Get-Runs 3; Label = "$smallCount small GETs"
    }
)

function Test-Skipped ([string] $Workload, [string] $Tool) {
    foreach ($pattern in $Skip) {
        if ("$Workload/$Tool" -like $pattern -or $Workload -like $pattern -or $Tool -like $pattern) { return $true }
    }
    $false
}

function Get-PythonVersion {
    # Only a python3 that can import requests can run the reference; anything else means no Python column.
    if (-not (Get-Command python3 -CommandType Application -ErrorAction Ignore)) { return $null }
    $version = & python3 -c 'import sys, requests; print(sys.version.split()[0], requests.__version__)' 2>$null
    if ($LASTEXITCODE -ne 0 -or -not $version) { return $null }
    $python, $requests = "$version".Split(' ')
    "Python $python (requests $requests)"
}

function Get-MachineLine {
    $cpu = if (Test-Path /proc/cpuinfo) {
        Select-String -Path /proc/cpuinfo -Pattern '^model name\s*:\s*(.+)$' | Select-Object -First 1 | ForEach-Object { $_.Matches[0].Groups[1].Value.Trim() }
    }
    elseif ($IsWindows) { (Get-CimInstance Win32_Processor | Select-Object -First 1).Name }
    elseif ($IsMacOS) { & sysctl -n machdep.cpu.brand_string }
    $parts = @(
        "$([Environment]::ProcessorCount) cores ($(if ($cpu) { $cpu } else { 'unknown CPU' }))"
        [System.Runtime.InteropServices.RuntimeInformation]::OSDescription
        [System.Runtime.InteropServices.RuntimeInformation]::FrameworkDescription
        "PowerShell $($PSVersionTable.PSVersion)"
    )
    if ($script:pythonVersion) { $parts += $script:pythonVersion }
    "Machine: $($parts -join '; ')"
}

function Get-PwshCommand {
    # Workers run on the very PowerShell and .NET this script runs on. Under "dotnet pwsh" the process is the
    # dotnet host with pwsh.dll as its first argument; calling that pair directly also skips the SDK's tool shim.
    $hostPath = [Environment]::ProcessPath
    if ([IO.Path]::GetFileNameWithoutExtension($hostPath) -eq 'dotnet') { @($hostPath, [Environment]::GetCommandLineArgs()[0]) } else { @($hostPath) }
}

function Get-DayUri ($StandIn, $Workload) {
    $first = [datetime]::ParseExact($firstDay, 'yyyy-MM-dd', [cultureinfo]::InvariantCulture)
    foreach ($stream in $Workload.Streams) {
        for ($i = 0; $i -lt $Workload.Days; $i++) {
            "$($StandIn.Url)/api/bm-cs-projects/$projectId/streams/$stream/results?date=$($first.AddDays($i).ToString('yyyyMMdd'))"
        }
    }
}

function Initialize-StandInDay ($StandIn, [string[]] $Uri) {
    # The stand-in builds a day on its first request and serves it from a cache afterwards; doing that here
    # keeps its generation cost out of whichever tool happens to go first.
    $client = [System.Net.Http.HttpClient]::new()
    $client.Timeout = [TimeSpan]::FromMinutes(5)
    $client.DefaultRequestHeaders.Authorization = [System.Net.Http.Headers.AuthenticationHeaderValue]::new('Bearer', $StandIn.Token)
    try {
        for ($i = 0; $i -lt $Uri.Count; $i += 16) {
            $tasks = [System.Threading.Tasks.Task[]]@($Uri[$i..([Math]::Min($i + 16, $Uri.Count) - 1)] | ForEach-Object { $client.GetAsync($_) })
            # Short waits in a loop so Ctrl+C is honoured between them.
            while (-not [System.Threading.Tasks.Task]::WaitAll($tasks, 200)) { }
            foreach ($task in $tasks) {
                $response = $task.Result
                try { $null = $response.EnsureSuccessStatusCode() } finally { $response.Dispose() }
            }
        }
    }
    finally { $client.Dispose() }
}

function Invoke-BenchRun ($Workload, [string] $Tool, $StandIn) {
    $common = @{
        Url = $StandIn.Url; Token = $StandIn.Token; ProjectId = $projectId; Streams = $Workload.Streams -join ','
        From = $firstDay; Days = $Workload.Days; Count = $Workload.Count; Path = "/api/bm-cs-projects/$projectId"
    }
    if ($Tool -eq 'Python') {
        $exe = 'python3'
        $arguments = @($reference, '--url', $common.Url, '--token', $common.Token, '--kind', $Workload.Kind.ToLowerInvariant(),
            '--project-id', $common.ProjectId, '--streams', $common.Streams, '--from-date', $common.From,
            '--days', $common.Days, '--count', $common.Count, '--path', $common.Path)
    }
    else {
        $exe = $script:pwshCommand[0]
        $arguments = @($script:pwshCommand | Select-Object -Skip 1) + @('-NoProfile', '-NonInteractive', '-File', $worker, '-Tool', $Tool, '-Kind', $Workload.Kind,
            '-Url', $common.Url, '-Token', $common.Token, '-ModulePath', $script:modulePathResolved, '-ProjectId', $common.ProjectId,
            '-StreamId', $common.Streams, '-FromDate', $common.From, '-Days', $common.Days, '-Count', $common.Count, '-Path', $common.Path)
    }
    $stderr = [IO.Path]::GetTempFileName()
    try {
        $output = @(& $exe @arguments 2>$stderr)
        $exitCode = $LASTEXITCODE
        $line = $output | Where-Object { "$_" -match '^\s*\{.*\}\s*$' } | Select-Object -Last 1
        if ($exitCode -eq 0 -and $line) {
            $figures = $line | ConvertFrom-Json
            return [pscustomobject]@{ Failed = $false; Seconds = [double]$figures.seconds; Records = [long]$figures.records; PeakMB = [double]$figures.peakMB; Error = $null }
        }
        $why = @(Get-Content $stderr) + $output | Where-Object { "$_".Trim() } | Select-Object -First 3
        [pscustomobject]@{ Failed = $true; Seconds = 0; Records = 0; PeakMB = 0; Error = "exit code $exitCode; $($why -join ' | ')" }
    }
    finally { Remove-Item $stderr -ErrorAction Ignore }
}

function Get-Median ([double[]] $Value) {
    $sorted = @($Value | Sort-Object)
    $middle = [int][Math]::Floor($sorted.Count / 2)
    if ($sorted.Count % 2) { $sorted[$middle] } else { ($sorted[$middle - 1] + $sorted[$middle]) / 2 }
}

function Get-Summary ($Runs, $Workload) {
    # Null when the tool was left out; otherwise the median time, the highest peak of its runs, and whether
    # every run brought back the expected number of records.
    if ($null -eq $Runs) { return $null }
    $failed = @($Runs | Where-Object Failed)
    if ($failed) { return [pscustomobject]@{ Failed = $true; Error = $failed[0].Error } }
    $short = @($Runs | Where-Object { $_.Records -ne $Workload.Expected })
    [pscustomobject]@{
        Failed   = $false
        Seconds  = Get-Median @($Runs.Seconds)
        PeakMB   = ($Runs.PeakMB | Measure-Object -Maximum).Maximum
        Records  = if ($short) { $short[0].Records } else { $Workload.Expected }
        Complete = -not $short
    }
}

function Format-Cell ($Summary, [string] $Absent, $Workload) {
    if ($null -eq $Summary) { return $Absent }
    if ($Summary.Failed) { return 'failed' }
    $cell = '{0:0.00} s / {1:N0} MB' -f $Summary.Seconds, $Summary.PeakMB
    if (-not $Summary.Complete) { $cell += ' ({0:N0} of {1:N0} rec!)' -f $Summary.Records, $Workload.Expected }
    $cell
}

function Format-Ratio ($Mine, $Theirs) {
    if ($null -eq $Mine -or $null -eq $Theirs -or $Mine.Failed -or $Theirs.Failed -or $Mine.Seconds -le 0) { return '–' }
    $ratio = $Theirs.Seconds / $Mine.Seconds
    if ($ratio -ge 1) { '{0:0.0}×' -f $ratio } else { '{0:0.00}×' -f $ratio }
}

$modulePathResolved = (Resolve-Path $ModulePath -ErrorAction Ignore).Path
if (-not $modulePathResolved) {
    throw "No built module at ${ModulePath}: run 'dotnet tool restore && dotnet pwsh ./build.ps1' first, or give -ModulePath."
}
# Under -File a list arrives as one comma-separated string.
$Skip = @($Skip | ForEach-Object { $_ -split ',' } | ForEach-Object Trim | Where-Object { $_ })
$pythonVersion = Get-PythonVersion
if (-not $pythonVersion) { $Skip += 'Python' }
$pwshCommand = Get-PwshCommand
Import-Module (Join-Path $PSScriptRoot '../StandIn.psm1') -Force

$standInArguments = @('--bench-records-per-day', "$perDay", '--big-records-per-day', "$bigPerDay")
$results = @{}
$started = [System.Collections.Generic.List[object]]::new()
try {
    $plain = Start-AcrCloudStandIn -ExtraArgument $standInArguments
    $started.Add($plain)
    Write-Host "Stand-in at $($plain.Url); warming its days..."
    $uris = @($workloads | Where-Object { -not $_.Delayed -and $_.Kind -eq 'Results' } | ForEach-Object { Get-DayUri $plain $_ })
    Initialize-StandInDay $plain ($uris + "$($plain.Url)/api/bm-cs-projects/$projectId")

    foreach ($workload in $workloads) {
        $active = @($tools | Where-Object { -not (Test-Skipped $workload.Key $_) })
        if (-not $active) { continue }
        $standIn = $plain
        if ($workload.Delayed) {
            # A stand-in of its own, so the added latency touches this workload only.
            $standIn = Start-AcrCloudStandIn -DelayMs $delayMs -ExtraArgument $standInArguments
            $started.Add($standIn)
            Write-Host "Stand-in with +$delayMs ms at $($standIn.Url); warming its days..."
            Initialize-StandInDay $standIn @(Get-DayUri $standIn $workload)
        }
        try {
            foreach ($tool in $active) { $results["$($workload.Key)/$tool"] = [System.Collections.Generic.List[object]]::new() }
            # Tools take turns within each round, so a slow drift of the machine does not favour one of them.
            for ($round = 1; $round -le $workload.Runs; $round++) {
                foreach ($tool in $active) {
                    $run = Invoke-BenchRun $workload $tool $standIn
                    $results["$($workload.Key)/$tool"].Add($run)
                    $status = if ($run.Failed) { "failed: $($run.Error)" } else { '{0:0.00} s, {1:N0} records, {2:N0} MB' -f $run.Seconds, $run.Records, $run.PeakMB }
                    Write-Host ("  {0,-14} {1,-9} run {2}/{3}: {4}" -f $workload.Key, $tool, $round, $workload.Runs, $status)
                }
            }
        }
        finally {
            if ($workload.Delayed) {
                $standIn | Stop-AcrCloudStandIn
                $null = $started.Remove($standIn)
            }
        }
    }
}
finally {
    foreach ($standIn in $started) { $standIn | Stop-AcrCloudStandIn }
}

$absentPython = if ($pythonVersion) { 'skipped' } else { 'n/a' }
$rows = foreach ($workload in $workloads) {
    $acr = Get-Summary $results["$($workload.Key)/AcrCloud"] $workload
    $irm = Get-Summary $results["$($workload.Key)/Irm"] $workload
    $py = Get-Summary $results["$($workload.Key)/Python"] $workload
    [pscustomobject][ordered]@{
        'Workload'           = '{0} ({1:N0} rec)' -f $workload.Label, $workload.Expected
        'AcrCloud'           = Format-Cell $acr 'skipped' $workload
        'Invoke-RestMethod'  = Format-Cell $irm 'skipped' $workload
        'Python ref.'        = Format-Cell $py $absentPython $workload
        'AcrCloud vs IRM'    = Format-Ratio $acr $irm
        'AcrCloud vs Python' = Format-Ratio $acr $py
    }
}

Write-Host ''
$rows | Format-Table -AutoSize | Out-String -Width 300 | Write-Host
Write-Host 'Cells: median wall time of the runs / highest peak working set of the process doing the work (on Linux VmHWM, for pwsh and Python alike).'
Write-Host 'Each run is a fresh process, timed from after start-up and import until every record is held in memory.'
Write-Host "Ratios: the other tool's time ÷ AcrCloud's (above 1× AcrCloud is faster). The stand-in shares the machine's cores."
Write-Host 'Invoke-RestMethod returns result days as raw text (their custom files carry both "title" and "Title"), so its loop parses them again with ConvertFrom-Json -AsHashtable.'
if (-not $pythonVersion) { Write-Host 'Python ref.: not run, python3 with the requests package was not found.' }
foreach ($workload in $workloads) {
    foreach ($tool in $tools) {
        $failed = @($results["$($workload.Key)/$tool"] | Where-Object { $_ -and $_.Failed })
        if ($failed) { Write-Host "$($workload.Key)/${tool} failed: $($failed[0].Error)" }
    }
}
Write-Host (Get-MachineLine)
