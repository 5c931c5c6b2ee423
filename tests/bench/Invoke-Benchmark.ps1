#requires -Version 7.2
<#
.SYNOPSIS
Times what users do with the AcrCloud module, side by side with a Python acrclient-style client and a plain
Invoke-RestMethod loop, and prints one table of wall time, peak memory, ratios and the performance goals, each
flagged met or missed. A benchmark, not a test: nothing here passes or fails.
.DESCRIPTION
Workloads, all against the local stand-in (tests/AcrCloud.StandIn), project 2001 "Bench"; every one reads what
it fetched, as any loop, report or export does:
  OneStream             s-bench-01 for 30 UTC days (475 records a day), collected, then
                        $r.metadata.played_duration of every record added up (Python: r["metadata"]["played_duration"]).
  BigDay                the same for one day of s-bench-big: 47,500 records, about 50 MB of JSON.
  TenStreams            the same for s-bench-01..10 × 30 days, on a second stand-in that adds 100 ms to every
                        request, as a distant API would (no Invoke-RestMethod run: it has no goal here).
  SmallRequests         300 GETs of /api/bm-cs-projects/2001, one call each, then data.id of every answer.
  MonthlyReport         the README's monthly report of s-bench-01..10 for the local month October 2026 in
                        Europe/Zurich, on the +100 ms stand-in:
                          Get-AcrBmCsResult -From -To -TimeZone | ConvertTo-AcrBmCsPlay -MergeConsecutive -TimeZone |
                          Export-AcrBmCsPlay (the module's CSV writer), and a second run ending in Export-Csv -Encoding utf8;
                        Python: a careful script (zoneinfo, every UTC day overlapping the month, one merge pass,
                        csv.writer to a temporary file that is then renamed) writing the same columns by the same rules.
  MonthlyReportNoDelay  the same report on the plain stand-in, where it is CPU-bound.
  Json                  one busy day's records (s-bench-big's day) to JSON; only the serialisation is timed:
                        ConvertTo-Json -InputObject $records -Depth 20 -Compress, the module's
                        $records | ConvertTo-AcrCloudJson -Compress (n/a in a module without it), Python json.dumps(records).
  StreamingShort/Long   the README one-liner streaming straight to a CSV file (Get-AcrBmCsResult -From -To |
                        ConvertTo-AcrBmCsPlay | Export-Csv) for 10 streams over 3 and over 30 days: the peak working
                        set must stay flat, bounded by the responses in flight rather than the days.
  ArchiveSave           the raw archive of s-bench-01..10 × 30 UTC days on the +100 ms stand-in:
                        Save-AcrBmCsResult -Date -Path with its default options into an empty temporary folder
                        (removed after the run); Python: the same files, <Path>/<ProjectId>/<StreamId>/<yyyy-MM-dd>.json,
                        one stream-day after the other, each body checked to be JSON with a data list and its bytes
                        written to a temporary name, flushed to disk and renamed. The Output column counts the files
                        and bytes and compares every file's SHA-256 between the tools.
  ArchiveSaveShort      the same save over 3 days: the 30-day save's peak must stay flat against it.
  ArchiveImport         an archive of s-bench-01..10 × 30 days, written once by Save-AcrBmCsResult before the clock,
                        read back with Import-AcrBmCsResult <folder> into a variable and every record's
                        metadata.played_duration added up; beside it the same stream-days read the same way from
                        the plain stand-in with Get-AcrBmCsResult, and Python reading the files with json.load.
Tools: AcrCloud (the module; some workloads in two variants, one table row each), Irm (what a user writes: one
Invoke-RestMethod per stream-day with an Authorization header, keeping .data), Python
(tests/bench/acrclient_reference.py; left out with a note when python3 with requests is missing).

Each run is a fresh process (BenchWorker.ps1 for the PowerShell tools, python3 for the reference) that times
itself after start-up and import and reports its own peak working set, so one run's memory never leaks into
another's figure. Every day is fetched once before timing so the stand-in's one-off generation is not measured.
The Output column shows what the run produced (the sum of played_duration, the CSV's data rows, the JSON's
length) and flags a MISMATCH when the tools disagree; the Goal column flags each goal of the workload (ratios are
the other tool's time ÷ AcrCloud's) as met or MISSED.
.PARAMETER ModulePath
The built module manifest. Default: out/AcrCloud/AcrCloud.psd1 in the repository (build.ps1 makes it).
.PARAMETER Quick
A smoke run in under a minute: 3 days instead of 30, 3 streams instead of 10, a big day of 4,750 records,
30 small requests, a report of 3 local days, streaming and archive saves over 1 and 3 days, one run each.
.PARAMETER Repeat
Runs per tool and workload; the time shown is their median. Default: 3 for OneStream and SmallRequests,
1 for the others (1 for everything with -Quick).
.PARAMETER Skip
Leaves out runs: "Workload/Tool" or "Workload/Tool/Variant" patterns with wildcards, or a bare workload, tool
or variant name. For example -Skip BigDay/Irm (the slowest, 15 s+ and over 2 GB), -Skip Python,
-Skip 'Json/AcrCloud/ConvertTo-Json', -Skip Streaming*, -Skip 'ArchiveImport/AcrCloud/Get-AcrBmCsResult'.
.PARAMETER Workload
Runs only these workloads (names with wildcards), for example -Workload MonthlyReport*, -Workload Streaming*,
-Workload Archive*.
.EXAMPLE
dotnet pwsh -NoProfile -File tests/bench/Invoke-Benchmark.ps1 -Quick
.EXAMPLE
dotnet pwsh -NoProfile -File tests/bench/Invoke-Benchmark.ps1 -Workload Json,BigDay -Skip Irm
#>
[CmdletBinding()]
param(
    [string] $ModulePath = (Join-Path $PSScriptRoot '../../out/AcrCloud/AcrCloud.psd1'),
    [switch] $Quick,
    [ValidateRange(0, 99)]
    [int] $Repeat = 0,
    [string[]] $Skip = @(),
    [string[]] $Workload = @()
)

$ErrorActionPreference = 'Stop'
Set-StrictMode -Version 3
# Under -File a list arrives as one comma-separated string.
$skipPatterns = @($Skip | ForEach-Object { $_ -split ',' } | ForEach-Object Trim | Where-Object { $_ })
$onlyWorkloads = @($Workload | ForEach-Object { $_ -split ',' } | ForEach-Object Trim | Where-Object { $_ })
# The loops below name their variable $workload, which is this parameter's name (names ignore case): without
# this, each workload would be cast to the parameter's [string[]].
Remove-Variable -Name Workload

$projectId = 2001
$firstDay = '2026-10-01'
$timeZone = 'Europe/Zurich'
$perDay = 475
$bigPerDay = if ($Quick) { 4750 } else { 47500 }
$days = if ($Quick) { 3 } else { 30 }
# October 2026 has 31 local days; a quick report takes the first 3.
$reportDays = if ($Quick) { 3 } else { 31 }
$shortStreamDays = if ($Quick) { 1 } else { 3 }
$streamCount = if ($Quick) { 3 } else { 10 }
$smallCount = if ($Quick) { 30 } else { 300 }
$delayMs = 100
$worker = Join-Path $PSScriptRoot 'BenchWorker.ps1'
$reference = Join-Path $PSScriptRoot 'acrclient_reference.py'
$benchStreams = @(1..$streamCount | ForEach-Object { 's-bench-{0:00}' -f $_ })

function Get-Runs ([int] $Default) {
    if ($Repeat -gt 0) { $Repeat } elseif ($Quick) { 1 } else { $Default }
}

function Get-DayCount ([int] $Count) { if ($Count -eq 1) { '1 day' } else { "$Count days" } }

# -NoGoal: a row to look at beside the others, which the workload's goals are not about.
function New-Tool ([string] $Tool, [string] $Variant = '', [switch] $NoGoal) {
    [pscustomobject]@{ Tool = $Tool; Variant = $Variant; Id = if ($Variant) { "$Tool/$Variant" } else { $Tool }; NoGoal = [bool] $NoGoal }
}

# Goals: the other tool's time ÷ AcrCloud's at least Factor (Speed), AcrCloud's peak at most Factor × the other's
# (Peak), at most MB (PeakMax), or the long run's peak at most Factor × the short workload's (Flat). Against is
# Python, Irm, a sibling AcrCloud variant's id (the goal then shows on the other variants' rows), or for Flat the
# short workload's key.
function New-Goal ([string] $Type, [string] $Against = '', [double] $Factor = 0) {
    [pscustomobject]@{ Type = $Type; Against = $Against; Factor = $Factor }
}

$readAll = 'every record read'
# The report made a second time in the same process, as in a session or a runbook that has made one already: what
# the first run in a fresh process pays for compiling .NET and PowerShell code shows as the difference.
$runAgain = 'Export-AcrBmCsPlay, run again'
$workloads = @(
    [pscustomobject]@{
        Key = 'OneStream'; Kind = 'Results'; Delayed = $false; Streams = @('s-bench-01'); Days = $days; Count = 0; TimeZone = 'UTC'
        Expected = $perDay * $days; Runs = Get-Runs 3; Label = "1 stream × $(Get-DayCount $days), $readAll"; Check = 'total'
        Tools = @((New-Tool AcrCloud), (New-Tool Irm), (New-Tool Python))
        Goals = @((New-Goal Speed Python 2), (New-Goal Speed Irm 10))
    }
    [pscustomobject]@{
        Key = 'BigDay'; Kind = 'Results'; Delayed = $false; Streams = @('s-bench-big'); Days = 1; Count = 0; TimeZone = 'UTC'
        Expected = $bigPerDay; Runs = Get-Runs 1; Label = "1 big day, $readAll"; Check = 'total'
        Tools = @((New-Tool AcrCloud), (New-Tool Irm), (New-Tool Python))
        Goals = @((New-Goal Speed Python 3), (New-Goal Speed Irm 15), (New-Goal Peak Python 0.8))
    }
    [pscustomobject]@{
        Key = 'TenStreams'; Kind = 'Results'; Delayed = $true; Streams = $benchStreams; Days = $days; Count = 0; TimeZone = 'UTC'
        Expected = $perDay * $days * $streamCount; Runs = Get-Runs 1; Label = "$streamCount streams × $(Get-DayCount $days), +$delayMs ms, collected, $readAll"; Check = 'total'
        Tools = @((New-Tool AcrCloud), (New-Tool Python))
        Goals = @((New-Goal Speed Python 7), (New-Goal PeakMax -Factor 400))
    }
    [pscustomobject]@{
        Key = 'SmallRequests'; Kind = 'Requests'; Delayed = $false; Streams = @(); Days = 0; Count = $smallCount; TimeZone = 'UTC'
        Expected = $smallCount; Runs = Get-Runs 3; Label = "$smallCount small GETs, every answer read"; Check = 'total'
        Tools = @((New-Tool AcrCloud), (New-Tool Irm), (New-Tool Python))
        Goals = @((New-Goal Speed Python 1.5))
    }
    [pscustomobject]@{
        Key = 'MonthlyReport'; Kind = 'Report'; Delayed = $true; Streams = $benchStreams; Days = $reportDays; Count = 0; TimeZone = $timeZone
        Expected = $null; Runs = Get-Runs 1; Label = "Monthly report, $streamCount streams × $reportDays local days, +$delayMs ms"; Check = 'rows'
        Tools = @((New-Tool AcrCloud Export-AcrBmCsPlay), (New-Tool AcrCloud Export-Csv), (New-Tool AcrCloud $runAgain -NoGoal), (New-Tool Python))
        Goals = @((New-Goal Speed Python 8))
    }
    [pscustomobject]@{
        Key = 'MonthlyReportNoDelay'; Kind = 'Report'; Delayed = $false; Streams = $benchStreams; Days = $reportDays; Count = 0; TimeZone = $timeZone
        Expected = $null; Runs = Get-Runs 1; Label = "Monthly report, $streamCount streams × $reportDays local days, no latency"; Check = 'rows'
        Tools = @((New-Tool AcrCloud Export-AcrBmCsPlay), (New-Tool AcrCloud Export-Csv), (New-Tool AcrCloud $runAgain -NoGoal), (New-Tool Python))
        Goals = @((New-Goal Speed Python 4))
    }
    [pscustomobject]@{
        Key = 'Json'; Kind = 'Json'; Delayed = $false; Streams = @('s-bench-big'); Days = 1; Count = 0; TimeZone = 'UTC'
        Expected = $bigPerDay; Runs = Get-Runs 1; Label = 'JSON of 1 big day'; Check = 'length'
        Tools = @((New-Tool AcrCloud ConvertTo-Json), (New-Tool AcrCloud ConvertTo-AcrCloudJson), (New-Tool Python))
        Goals = @((New-Goal Speed Python 1))
    }
    [pscustomobject]@{
        Key = 'StreamingShort'; Kind = 'Stream'; Delayed = $false; Streams = $benchStreams; Days = $shortStreamDays; Count = 0; TimeZone = 'UTC'
        Expected = $null; Runs = Get-Runs 1; Label = "Streamed to CSV, $streamCount streams × $(Get-DayCount $shortStreamDays)"; Check = 'rows'
        Tools = @((New-Tool AcrCloud)); Goals = @()
    }
    [pscustomobject]@{
        Key = 'StreamingLong'; Kind = 'Stream'; Delayed = $false; Streams = $benchStreams; Days = $days; Count = 0; TimeZone = 'UTC'
        Expected = $null; Runs = Get-Runs 1; Label = "Streamed to CSV, $streamCount streams × $(Get-DayCount $days)"; Check = 'rows'
        Tools = @((New-Tool AcrCloud)); Goals = @((New-Goal Flat StreamingShort 1.25))
    }
    [pscustomobject]@{
        Key = 'ArchiveSave'; Kind = 'Save'; Delayed = $true; Streams = $benchStreams; Days = $days; Count = 0; TimeZone = 'UTC'
        Expected = $perDay * $days * $streamCount; Runs = Get-Runs 1; Label = "Archive saved, $streamCount streams × $(Get-DayCount $days), +$delayMs ms"; Check = 'files'
        Tools = @((New-Tool AcrCloud), (New-Tool Python))
        Goals = @((New-Goal Speed Python 7), (New-Goal Flat ArchiveSaveShort 1.25))
    }
    [pscustomobject]@{
        Key = 'ArchiveSaveShort'; Kind = 'Save'; Delayed = $true; Streams = $benchStreams; Days = $shortStreamDays; Count = 0; TimeZone = 'UTC'
        Expected = $perDay * $shortStreamDays * $streamCount; Runs = Get-Runs 1; Label = "Archive saved, $streamCount streams × $(Get-DayCount $shortStreamDays), +$delayMs ms"; Check = 'files'
        Tools = @((New-Tool AcrCloud)); Goals = @()
    }
    [pscustomobject]@{
        Key = 'ArchiveImport'; Kind = 'Import'; Delayed = $false; Streams = $benchStreams; Days = $days; Count = 0; TimeZone = 'UTC'
        Expected = $perDay * $days * $streamCount; Runs = Get-Runs 1; Label = "$streamCount streams × $(Get-DayCount $days), archive files or API (no latency), collected, $readAll"; Check = 'total'
        Tools = @((New-Tool AcrCloud Import-AcrBmCsResult), (New-Tool AcrCloud Get-AcrBmCsResult), (New-Tool Python))
        Goals = @((New-Goal Speed AcrCloud/Get-AcrBmCsResult 1))
    }
)

function Test-Skipped ($Workload, $Tool) {
    if ($script:onlyWorkloads -and -not @($script:onlyWorkloads | Where-Object { $Workload.Key -like $_ })) { return $true }
    foreach ($pattern in $script:skipPatterns) {
        if ("$($Workload.Key)/$($Tool.Tool)" -like $pattern -or "$($Workload.Key)/$($Tool.Id)" -like $pattern -or
            $Workload.Key -like $pattern -or $Tool.Tool -like $pattern -or ($Tool.Variant -and $Tool.Variant -like $pattern)) { return $true }
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

function Get-UtcDay ($Workload) {
    # The UTC days a run fetches: -Date days as they are, a local range every UTC day that overlaps it.
    $first = [datetime]::ParseExact($firstDay, 'yyyy-MM-dd', [cultureinfo]::InvariantCulture)
    if ($Workload.Kind -ne 'Report') {
        for ($i = 0; $i -lt $Workload.Days; $i++) { $first.AddDays($i) }
        return
    }
    $zone = [TimeZoneInfo]::FindSystemTimeZoneById($Workload.TimeZone)
    $start = [TimeZoneInfo]::ConvertTimeToUtc($first, $zone)
    $end = [TimeZoneInfo]::ConvertTimeToUtc($first.AddDays($Workload.Days), $zone)
    for ($day = $start.Date; $day -lt $end; $day = $day.AddDays(1)) { $day }
}

function Get-DayUri ($StandIn, $Workload) {
    if ($Workload.Kind -eq 'Requests') { return "$($StandIn.Url)/api/bm-cs-projects/$projectId" }
    $utcDays = @(Get-UtcDay $Workload)
    foreach ($stream in $Workload.Streams) {
        foreach ($day in $utcDays) {
            "$($StandIn.Url)/api/bm-cs-projects/$projectId/streams/$stream/results?date=$($day.ToString('yyyyMMdd'))"
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

function New-TemporaryFolder {
    (New-Item -ItemType Directory -Path (Join-Path ([IO.Path]::GetTempPath()) "acrcloud-bench-archive-$([guid]::NewGuid().ToString('n'))")).FullName
}

function Get-ArchiveDigest ([string] $Folder) {
    # Every file under the folder (a stray temporary file too), by its path relative to the folder: how many, how
    # many bytes, and one SHA-256 over "path<TAB>SHA-256 of the file" lines, so two archives compare byte for byte.
    $names = [string[]]@(Get-ChildItem -LiteralPath $Folder -File -Recurse -Force | ForEach-Object { [IO.Path]::GetRelativePath($Folder, $_.FullName).Replace('\', '/') })
    [Array]::Sort($names, [StringComparer]::Ordinal)
    $bytes = 0L
    $lines = foreach ($name in $names) {
        $file = Join-Path $Folder $name
        $bytes += (Get-Item -LiteralPath $file -Force).Length
        "$name`t$((Get-FileHash -LiteralPath $file -Algorithm SHA256).Hash.ToLowerInvariant())`n"
    }
    $sha = [Security.Cryptography.SHA256]::HashData([Text.Encoding]::UTF8.GetBytes(-join $lines))
    [pscustomobject]@{ Files = $names.Count; Bytes = $bytes; Sha256 = [Convert]::ToHexString($sha).ToLowerInvariant() }
}

function Invoke-BenchRun ($Workload, $Tool, $StandIn, [string] $Folder = '') {
    # Save writes into -Folder when given (kept: the archive ArchiveImport reads), otherwise into an empty
    # temporary folder that is checked and removed after the run; Import reads -Folder.
    $common = @{
        Url = $StandIn.Url; Token = $StandIn.Token; ProjectId = $projectId; Streams = $Workload.Streams -join ','
        From = $firstDay; Days = $Workload.Days; Count = $Workload.Count; Path = "/api/bm-cs-projects/$projectId"
    }
    $csv = $null
    $scratch = $null
    if ($Workload.Kind -eq 'Save' -and -not $Folder) { $Folder = $scratch = New-TemporaryFolder }
    if ($Tool.Tool -eq 'Python') {
        $exe = 'python3'
        $arguments = @($reference, '--url', $common.Url, '--token', $common.Token, '--kind', $Workload.Kind.ToLowerInvariant(),
            '--project-id', $common.ProjectId, '--streams', $common.Streams, '--from-date', $common.From,
            '--days', $common.Days, '--count', $common.Count, '--path', $common.Path, '--time-zone', $Workload.TimeZone)
        if ($Workload.Kind -eq 'Report') {
            $csv = Join-Path ([IO.Path]::GetTempPath()) "acrcloud-bench-python-$PID.csv"
            $arguments += '--csv', $csv
        }
        if ($Folder) { $arguments += '--folder', $Folder }
    }
    else {
        $exe = $script:pwshCommand[0]
        $arguments = @($script:pwshCommand | Select-Object -Skip 1) + @('-NoProfile', '-NonInteractive', '-File', $worker, '-Tool', $Tool.Tool, '-Kind', $Workload.Kind,
            '-Url', $common.Url, '-Token', $common.Token, '-ModulePath', $script:modulePathResolved, '-ProjectId', $common.ProjectId,
            '-StreamId', $common.Streams, '-FromDate', $common.From, '-Days', $common.Days, '-Count', $common.Count, '-Path', $common.Path,
            '-TimeZone', $Workload.TimeZone)
        if ($Tool.Variant) { $arguments += '-Variant', $Tool.Variant }
        if ($Folder) { $arguments += '-Folder', $Folder }
    }
    $stderr = [IO.Path]::GetTempFileName()
    try {
        $output = @(& $exe @arguments 2>$stderr)
        $exitCode = $LASTEXITCODE
        $line = $output | Where-Object { "$_" -match '^\s*\{.*\}\s*$' } | Select-Object -Last 1
        if ($exitCode -eq 0 -and $line) {
            $figures = $line | ConvertFrom-Json
            $has = { param($name) $figures.PSObject.Properties[$name] -and $null -ne $figures.$name }
            if (& $has 'missing') { return [pscustomobject]@{ Failed = $false; Missing = "$($figures.missing)" } }
            # The archive is checked here, the same way for every tool, once the run has ended.
            $archive = if ($Workload.Kind -eq 'Save') { Get-ArchiveDigest $Folder }
            return [pscustomobject]@{
                Failed = $false; Missing = $null; Seconds = [double]$figures.seconds; Records = [long]$figures.records; PeakMB = [double]$figures.peakMB
                # What the run produced, for the Output column: the sum read, the CSV's rows, the JSON's length or
                # the archive's files.
                Total  = if (& $has 'total') { [double]$figures.total } else { $null }
                Rows   = if (& $has 'rows') { [long]$figures.rows } else { $null }
                Length = if (& $has 'length') { [long]$figures.length } else { $null }
                Sha256 = if ($archive) { $archive.Sha256 } elseif (& $has 'sha256') { "$($figures.sha256)" } else { $null }
                Files  = if ($archive) { $archive.Files } else { $null }
                Bytes  = if ($archive) { $archive.Bytes } else { $null }
                # Runs agree when they wrote the same files with the same bytes.
                Archive = if ($archive) { "$($archive.Files)/$($archive.Bytes)/$($archive.Sha256)" } else { $null }
            }
        }
        $why = @(Get-Content $stderr) + $output | Where-Object { "$_".Trim() } | Select-Object -First 3
        [pscustomobject]@{ Failed = $true; Missing = $null; Error = "exit code $exitCode; $($why -join ' | ')" }
    }
    finally {
        Remove-Item $stderr -ErrorAction Ignore
        if ($csv) { Remove-Item $csv -ErrorAction Ignore }
        if ($scratch) { Remove-Item -LiteralPath $scratch -Recurse -Force -ErrorAction Ignore }
    }
}

function Get-Median ([double[]] $Value) {
    $sorted = @($Value | Sort-Object)
    $middle = [int][Math]::Floor($sorted.Count / 2)
    if ($sorted.Count % 2) { $sorted[$middle] } else { ($sorted[$middle - 1] + $sorted[$middle]) / 2 }
}

function Get-Summary ($Runs, $Workload) {
    # Null when the tool was left out; otherwise the median time, the highest peak of its runs, what the runs
    # produced (and whether they all produced the same), and whether every run brought back the expected
    # number of records.
    if ($null -eq $Runs) { return $null }
    $failed = @($Runs | Where-Object Failed)
    if ($failed) { return [pscustomobject]@{ Failed = $true; Missing = $null; Error = $failed[0].Error } }
    $missing = @($Runs | Where-Object Missing)
    if ($missing) { return [pscustomobject]@{ Failed = $false; Missing = $missing[0].Missing } }
    $short = @(if ($null -ne $Workload.Expected) { $Runs | Where-Object { $_.Records -ne $Workload.Expected } })
    $field = @{ total = 'Total'; rows = 'Rows'; length = 'Length'; files = 'Archive' }[$Workload.Check]
    $outputs = @($Runs | ForEach-Object { $_.$field } | Select-Object -Unique)
    [pscustomobject]@{
        Failed   = $false
        Missing  = $null
        Seconds  = Get-Median @($Runs.Seconds)
        PeakMB   = ($Runs.PeakMB | Measure-Object -Maximum).Maximum
        Records  = if ($short) { $short[0].Records } else { $Workload.Expected }
        Complete = -not $short
        Output   = $outputs[0]
        Steady   = $outputs.Count -eq 1
        Sha256   = @($Runs.Sha256)[0]
        Files    = @($Runs.Files)[0]
        Bytes    = @($Runs.Bytes)[0]
    }
}

function Test-Measured ($Summary) { $null -ne $Summary -and -not $Summary.Failed -and -not $Summary.Missing }

function Format-Cell ($Summary, [string] $Absent, $Workload) {
    if ($null -eq $Summary) { return $Absent }
    if ($Summary.Failed) { return 'failed' }
    if ($Summary.Missing) { return 'n/a' }
    $cell = '{0:0.00} s / {1:N0} MB' -f $Summary.Seconds, $Summary.PeakMB
    if (-not $Summary.Complete) { $cell += ' ({0:N0} of {1:N0} rec!)' -f $Summary.Records, $Workload.Expected }
    $cell
}

function Get-Ratio ($Mine, $Theirs) {
    if (-not (Test-Measured $Mine) -or -not (Test-Measured $Theirs) -or $Mine.Seconds -le 0) { return $null }
    $Theirs.Seconds / $Mine.Seconds
}

function Format-Ratio ($Ratio) {
    if ($null -eq $Ratio) { '–' } elseif ($Ratio -ge 1) { '{0:0.0}×' -f $Ratio } else { '{0:0.00}×' -f $Ratio }
}

function Format-Output ($Workload, $Tool, $Mine, [object[]] $Others) {
    # AcrCloud's figure, and whether every tool (and every run) came to the same one.
    if (-not (Test-Measured $Mine)) { return '–' }
    $value = $Mine.Output
    $text = switch ($Workload.Check) {
        'total' { if ($Workload.Kind -eq 'Requests') { 'Σ id {0:N0}' -f $value } else { 'Σ {0:N0} s' -f $value } }
        'rows' { '{0:N0} rows' -f $value }
        'length' { '{0:N0} chars' -f $value }
        'files' { '{0:N0} files, {1:N0} bytes' -f $Mine.Files, $Mine.Bytes }
    }
    if (-not $Mine.Steady) { $text += ', MISMATCH between runs' }
    $measured = @($Others | Where-Object { Test-Measured $_.Summary })
    if ($Workload.Check -eq 'files') {
        # The archive is the API's bytes as they arrived: every tool should have written the very same files.
        $differ = @($measured | Where-Object { -not $_.Summary.Steady -or $_.Summary.Output -ne $value })
        if ($differ) {
            $text += ', MISMATCH: ' + (($differ | ForEach-Object {
                        '{0} {1:N0} files, {2:N0} bytes{3}' -f $_.Name, $_.Summary.Files, $_.Summary.Bytes, $(if ($_.Summary.Files -eq $Mine.Files -and $_.Summary.Bytes -eq $Mine.Bytes) { ', other content' })
                    }) -join '; ')
        }
        elseif ($measured) { $text += ', all agree byte for byte' }
        return $text
    }
    if ($Workload.Check -eq 'length') {
        # Python writes JSON its own way (escapes, spacing, no ProjectId or StreamId): lengths are shown, not
        # compared; the module's two ways should agree.
        foreach ($other in $measured) {
            $text += if ($other.Name -ne 'Python' -and $other.Summary.Output -eq $value) { ", = $($other.Name)" } else { ', {0} {1:N0}' -f $other.Name, $other.Summary.Output }
        }
        return $text
    }
    $differ = @($measured | Where-Object { -not $_.Summary.Steady -or [Math]::Abs([double]$_.Summary.Output - [double]$value) -gt 1e-6 })
    if ($differ) { $text += ', MISMATCH: ' + (($differ | ForEach-Object { '{0} {1:N0}' -f $_.Name, $_.Summary.Output }) -join ', ') }
    elseif ($measured) { $text += ', all agree' }
    $python = $measured | Where-Object Name -EQ 'Python' | Select-Object -First 1
    # The module's CSV writer and the Python script write the same format by the same rules; Export-Csv does not.
    if ($Tool.Variant -eq 'Export-AcrBmCsPlay' -and $python -and $Mine.Sha256 -and $python.Summary.Sha256) {
        $text += if ($Mine.Sha256 -eq $python.Summary.Sha256) { ", file = Python's" } else { ", file ≠ Python's" }
    }
    $text
}

function Format-Goal ($Goals, $Mine, $Summaries, $Tool) {
    # One verdict per goal: met, MISSED, or not measured when a run it needs was left out or failed. A goal
    # against a sibling variant is not that variant's own.
    if ($Tool.NoGoal) { return 'no goal' }
    $verdicts = foreach ($goal in $Goals | Where-Object Against -NE $Tool.Id) {
        $other = if ($goal.Against) { $Summaries[$goal.Against] } else { $null }
        $name = @{ Python = 'Python'; Irm = 'IRM' }[$goal.Against]
        if (-not $name) { $name = ($goal.Against -split '/')[-1] }
        switch ($goal.Type) {
            'Speed' {
                $label = '≥{0:0.#}× {1}' -f $goal.Factor, $name
                $ratio = Get-Ratio $Mine $other
                $met = if ($null -ne $ratio) { $ratio -ge $goal.Factor }
            }
            'Peak' {
                $label = 'peak ≤{0:0.0#}× {1}' -f $goal.Factor, $name
                $met = if ((Test-Measured $Mine) -and (Test-Measured $other)) { $Mine.PeakMB -le $goal.Factor * $other.PeakMB }
            }
            'PeakMax' {
                $label = 'peak ≤{0:N0} MB' -f $goal.Factor
                $met = if (Test-Measured $Mine) { $Mine.PeakMB -le $goal.Factor }
            }
            'Flat' {
                $label = 'flat: peak ≤{0:0.0#}× the {1} run' -f $goal.Factor, ((Get-DayCount $script:workloads.Where({ $_.Key -eq $goal.Against })[0].Days) -replace ' days?$', '-day')
                $met = if ((Test-Measured $Mine) -and (Test-Measured $other)) { $Mine.PeakMB -le $goal.Factor * $other.PeakMB }
            }
        }
        $script:goalCounts[$(if ($null -eq $met) { 'unmeasured' } elseif ($met) { 'met' } else { 'missed' })]++
        if ($null -eq $met) { "$label not measured" } elseif ($met) { "$label met" } else { "$label MISSED" }
    }
    if ($verdicts) { $verdicts -join '; ' } else { '' }
}

$modulePathResolved = (Resolve-Path $ModulePath -ErrorAction Ignore).Path
if (-not $modulePathResolved) {
    throw "No built module at ${ModulePath}: run 'dotnet tool restore && dotnet pwsh ./build.ps1' first, or give -ModulePath."
}
$pythonVersion = Get-PythonVersion
if (-not $pythonVersion) { $skipPatterns += 'Python' }
$pwshCommand = Get-PwshCommand
Import-Module (Join-Path $PSScriptRoot '../StandIn.psm1') -Force

$standInArguments = @('--bench-records-per-day', "$perDay", '--big-records-per-day', "$bigPerDay")
$results = @{}
$active = @{}
foreach ($workload in $workloads) {
    $active[$workload.Key] = @($workload.Tools | Where-Object { -not (Test-Skipped $workload $_) })
}
$running = @($workloads | Where-Object { $active[$_.Key] })
$started = [System.Collections.Generic.List[object]]::new()
$archiveFolder = $null
try {
    # Two stand-ins at most, started once: a plain one, and one that adds the latency to every request, so
    # the latency touches the delayed workloads only.
    $standIns = @{}
    foreach ($delayed in $false, $true) {
        $uris = @($running | Where-Object Delayed -EQ $delayed | ForEach-Object { Get-DayUri ([pscustomobject]@{ Url = '' }) $_ } | Select-Object -Unique)
        if (-not $uris) { continue }
        $standIn = if ($delayed) { Start-AcrCloudStandIn -DelayMs $delayMs -ExtraArgument $standInArguments } else { Start-AcrCloudStandIn -ExtraArgument $standInArguments }
        $started.Add($standIn)
        $standIns[$delayed] = $standIn
        Write-Host "Stand-in$(if ($delayed) { " with +$delayMs ms" }) at $($standIn.Url); warming its $($uris.Count) days..."
        Initialize-StandInDay $standIn @($uris | ForEach-Object { "$($standIn.Url)$_" })
    }

    foreach ($workload in $running) {
        $standIn = $standIns[$workload.Delayed]
        foreach ($tool in $active[$workload.Key]) { $results["$($workload.Key)/$($tool.Id)"] = [System.Collections.Generic.List[object]]::new() }
        if ($workload.Kind -eq 'Import') {
            # The archive every tool reads, written once by the module before any clock runs.
            $archiveFolder = New-TemporaryFolder
            Write-Host "  $($workload.Key): writing the archive of $($workload.Streams.Count) streams × $(Get-DayCount $workload.Days) to read back..."
            $saving = $workload.PSObject.Copy()
            $saving.Kind = 'Save'
            $prepared = Invoke-BenchRun $saving (New-Tool AcrCloud) $standIn $archiveFolder
            if ($prepared.Failed -or $prepared.Missing) { throw "Writing the archive for $($workload.Key) failed: $(if ($prepared.Failed) { $prepared.Error } else { "the module has no $($prepared.Missing)" })" }
        }
        # Tools take turns within each round, so a slow drift of the machine does not favour one of them.
        for ($round = 1; $round -le $workload.Runs; $round++) {
            foreach ($tool in $active[$workload.Key]) {
                $run = Invoke-BenchRun $workload $tool $standIn $(if ($workload.Kind -eq 'Import') { $archiveFolder })
                $results["$($workload.Key)/$($tool.Id)"].Add($run)
                $status = if ($run.Failed) { "failed: $($run.Error)" }
                elseif ($run.Missing) { "n/a: the module has no $($run.Missing)" }
                elseif ($null -ne $run.Rows) { '{0:0.00} s, {1:N0} rows, {2:N0} MB' -f $run.Seconds, $run.Rows, $run.PeakMB }
                else { '{0:0.00} s, {1:N0} records, {2:N0} MB' -f $run.Seconds, $run.Records, $run.PeakMB }
                Write-Host ("  {0,-20} {1,-33} run {2}/{3}: {4}" -f $workload.Key, $tool.Id, $round, $workload.Runs, $status)
            }
        }
    }
}
finally {
    foreach ($standIn in $started) { $standIn | Stop-AcrCloudStandIn }
    if ($archiveFolder) { Remove-Item -LiteralPath $archiveFolder -Recurse -Force -ErrorAction Ignore }
}

$absentPython = if ($pythonVersion) { 'skipped' } else { 'n/a' }
$goalCounts = @{ met = 0; missed = 0; unmeasured = 0 }
$rows = foreach ($workload in $running) {
    $summaries = @{}
    foreach ($tool in $workload.Tools) { $summaries[$tool.Id] = Get-Summary $results["$($workload.Key)/$($tool.Id)"] $workload }
    $absent = @{}
    foreach ($name in 'Irm', 'Python') {
        $absent[$name] = if (-not @($workload.Tools | Where-Object Tool -EQ $name)) { '—' } elseif ($name -eq 'Python') { $absentPython } else { 'skipped' }
    }
    $irm = $summaries['Irm']
    $py = $summaries['Python']
    $mine = @($workload.Tools | Where-Object Tool -EQ 'AcrCloud')
    foreach ($tool in $mine) {
        $acr = $summaries[$tool.Id]
        # Goals that compare with another workload (the streaming runs) find its AcrCloud summary by its key.
        $against = @{ Irm = $irm; Python = $py }
        foreach ($sibling in $mine) { $against[$sibling.Id] = $summaries[$sibling.Id] }
        foreach ($goal in $workload.Goals | Where-Object Type -EQ 'Flat') { $against[$goal.Against] = Get-Summary $results["$($goal.Against)/AcrCloud"] ($workloads | Where-Object Key -EQ $goal.Against) }
        $others = @(
            foreach ($sibling in $mine | Where-Object Id -NE $tool.Id) { [pscustomobject]@{ Name = $sibling.Variant; Summary = $summaries[$sibling.Id] } }
            [pscustomobject]@{ Name = 'IRM'; Summary = $irm }
            [pscustomobject]@{ Name = 'Python'; Summary = $py }
        )
        $label = if ($null -ne $workload.Expected) { '{0} ({1:N0} rec)' -f $workload.Label, $workload.Expected } else { $workload.Label }
        if ($tool.Variant) { $label += " → $($tool.Variant)" }
        [pscustomobject][ordered]@{
            'Workload'           = $label
            'AcrCloud'           = Format-Cell $acr 'skipped' $workload
            'Invoke-RestMethod'  = Format-Cell $irm $absent['Irm'] $workload
            'Python ref.'        = Format-Cell $py $absent['Python'] $workload
            'vs IRM'             = Format-Ratio (Get-Ratio $acr $irm)
            'vs Python'          = Format-Ratio (Get-Ratio $acr $py)
            'Output'             = Format-Output $workload $tool $acr $others
            'Goal'               = Format-Goal $workload.Goals $acr $against $tool
        }
    }
}

Write-Host ''
$rows | Format-Table -AutoSize | Out-String -Width 400 | Write-Host
Write-Host ('Goals: {0} met, {1} missed{2}.' -f $goalCounts.met, $goalCounts.missed, $(if ($goalCounts.unmeasured) { ", $($goalCounts.unmeasured) not measured" }))
Write-Host 'Cells: median wall time of the runs / highest peak working set of the process doing the work (on Linux VmHWM, for pwsh and Python alike).'
Write-Host 'Each run is a fresh process, timed from after start-up and import until every record has been read, the CSV file or the archive written; JSON: only the serialisation of the fetched records; the archive read back is written before the clock.'
Write-Host "Ratios: the other tool's time ÷ AcrCloud's (above 1× AcrCloud is faster). The stand-in shares the machine's cores."
Write-Host "Output: the sum of played_duration (of data.id for small GETs), the CSV's data rows, the JSON's length, or the archive's files and bytes (compared file by file with SHA-256); MISMATCH when tools or runs disagree; `"file = Python's`" when Export-AcrBmCsPlay and the Python script wrote the very same bytes."
Write-Host 'Invoke-RestMethod returns result days as raw text (their custom files carry both "title" and "Title"), so its loop parses them again with ConvertFrom-Json -AsHashtable.'
if (-not $pythonVersion) { Write-Host 'Python ref.: not run, python3 with the requests package was not found.' }
foreach ($workload in $running) {
    foreach ($tool in $active[$workload.Key]) {
        $failed = @($results["$($workload.Key)/$($tool.Id)"] | Where-Object { $_ -and $_.Failed })
        if ($failed) { Write-Host "$($workload.Key)/$($tool.Id) failed: $($failed[0].Error)" }
    }
}
Write-Host (Get-MachineLine)
