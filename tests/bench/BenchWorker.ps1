#requires -Version 7.2
<#
.SYNOPSIS
Runs one benchmark workload with the AcrCloud module or with plain Invoke-RestMethod, in a process of its own.
.DESCRIPTION
Started by Invoke-Benchmark.ps1, once per run, so that the peak working set it reports belongs to this
workload alone. The clock starts after the module is imported and the connection made. Kinds:
  Results   collect the stream-days in a variable, then read metadata.played_duration of every record;
            the clock stops after the last read.
  Requests  -Count single GETs of -Path, then read data.id of every answer.
  Report    the README's monthly report for the local days -FromDate.. (-Days of them) in -TimeZone:
            Get-AcrBmCsResult -From -To -TimeZone | ConvertTo-AcrBmCsPlay -MergeConsecutive | -Variant
            (Export-AcrBmCsPlay, or Export-Csv -Encoding utf8) to a temporary file; the clock stops when the file is
            written. -Variant 'Export-AcrBmCsPlay, run again' makes the report once before the clock (to a file of
            its own) and then times the same report, as a session that has made one already.
  Json      fetch the days (not timed), then time one -Variant (ConvertTo-Json -Depth 20 -Compress, or
            ConvertTo-AcrCloudJson -Compress) of all the records.
  Stream    the README one-liner streaming straight to a CSV file: Get-AcrBmCsResult -From -To |
            ConvertTo-AcrBmCsPlay | Export-Csv, nothing held; what matters is the peak working set.
  Save      the archive: Save-AcrBmCsResult -Date -Path -Folder with its default options, its output objects
            kept; the clock stops when the last file is written. The folder's files are the benchmark's to check.
  Import    the archive in -Folder read back, Import-AcrBmCsResult -Folder (-Variant Import-AcrBmCsResult), or the
            same stream-days from the API (-Variant Get-AcrBmCsResult), then, as Results, metadata.played_duration
            of every record; the clock stops after the last read.
Prints one JSON line: {"seconds", "records", "peakMB"} plus "total" (Results, Requests, Import: the sum read),
"rows" and "sha256" (Report, Stream: data rows of the CSV file and its hash, after the clock) or "length"
(Json: characters); Save: "records" is the sum of the output's Records. Or {"missing": "<command>"} when the
module lacks the command a variant needs.
#>
param(
    [Parameter(Mandatory)] [ValidateSet('AcrCloud', 'Irm')] [string] $Tool,
    [Parameter(Mandatory)] [ValidateSet('Results', 'Requests', 'Report', 'Json', 'Stream', 'Save', 'Import')] [string] $Kind,
    [Parameter(Mandatory)] [string] $Url,
    [Parameter(Mandatory)] [string] $Token,
    [string] $ModulePath,
    [string] $Variant = '',
    [int] $ProjectId = 2001,
    # Comma-separated: -File hands every argument over as one string.
    [string] $StreamId = '',
    [string] $FromDate = '2026-10-01',
    [int] $Days = 1,
    [int] $Count = 1,
    [string] $Path = '/api/bm-cs-projects/2001',
    [string] $TimeZone = 'UTC',
    # Save: the (empty) archive folder to write; Import: the archive to read.
    [string] $Folder = ''
)

$ErrorActionPreference = 'Stop'
Set-StrictMode -Version 3
# Nobody watches a worker's progress bars; drawing them would only tax whichever tool draws more of them.
$ProgressPreference = 'SilentlyContinue'

$streams = @($StreamId -split ',' | Where-Object { $_ })
$first = [datetime]::ParseExact($FromDate, 'yyyy-MM-dd', [cultureinfo]::InvariantCulture)
$dates = @(for ($i = 0; $i -lt $Days; $i++) { $first.AddDays($i) })
# As a user types them: ISO dates.
$from = $first.ToString('yyyy-MM-dd')
$to = $first.AddDays($Days - 1).ToString('yyyy-MM-dd')
$csv = Join-Path ([IO.Path]::GetTempPath()) "acrcloud-bench-$PID.csv"

if ($Tool -eq 'AcrCloud') {
    Import-Module $ModulePath
    Connect-AcrCloud -BearerToken $Token -BaseUrl $Url
}
if ($Tool -ne 'AcrCloud' -and $Kind -notin 'Results', 'Requests') { throw "-Kind $Kind is a workload of the AcrCloud module only." }
$headers = @{ Authorization = "Bearer $Token" }
$figures = [ordered]@{ seconds = 0 }

# The command a variant needs, so that a module built before it shows n/a instead of a failed run.
$command = switch ($Kind) {
    'Json' { if ($Variant -eq 'ConvertTo-AcrCloudJson') { 'ConvertTo-AcrCloudJson' } else { 'ConvertTo-Json' } }
    'Save' { 'Save-AcrBmCsResult' }
    'Import' { if ($Variant -eq 'Get-AcrBmCsResult') { 'Get-AcrBmCsResult' } else { 'Import-AcrBmCsResult' } }
}
if ($command -and -not (Get-Command $command -ErrorAction Ignore)) {
    [ordered]@{ missing = $command } | ConvertTo-Json -Compress
    return
}
if ($Kind -eq 'Json') {
    # Only the serialisation is measured: the records are fetched before the clock starts.
    $records = @(Get-AcrBmCsResult -ProjectId $ProjectId -StreamId $streams -Date $dates)
}

if ($Kind -eq 'Report' -and $Variant -eq 'Export-AcrBmCsPlay, run again') {
    $earlierCsv = "$csv.first.csv"
    $null = Get-AcrBmCsResult -ProjectId $ProjectId -StreamId $streams -From $from -To $to -TimeZone $TimeZone |
        ConvertTo-AcrBmCsPlay -MergeConsecutive -TimeZone $TimeZone |
        Export-AcrBmCsPlay -Path $earlierCsv
    Remove-Item $earlierCsv
}

$clock = [System.Diagnostics.Stopwatch]::StartNew()
# Every variant keeps what it fetched, as "$records = ..." in a user's script does, so the memory figures
# compare the same outcome, and then reads every record, as any loop, report or export does; with
# ErrorAction Stop a failed request fails the run instead of quietly lowering the count.
switch ("$Tool/$Kind") {
    'AcrCloud/Results' {
        $records = Get-AcrBmCsResult -ProjectId $ProjectId -StreamId $streams -Date $dates
    }
    'Irm/Results' {
        $records = foreach ($stream in $streams) {
            foreach ($day in $dates) {
                $uri = "$Url/api/bm-cs-projects/$ProjectId/streams/$stream/results?date=$($day.ToString('yyyyMMdd'))"
                $answer = Invoke-RestMethod -Uri $uri -Headers $headers
                # Days with a custom file carry both "title" and "Title"; ConvertFrom-Json refuses such keys,
                # so Invoke-RestMethod hands back the raw text and a working script has to parse it again.
                if ($answer -is [string]) { $answer = ConvertFrom-Json -InputObject $answer -AsHashtable }
                $answer.data
            }
        }
    }
    'AcrCloud/Requests' {
        $records = for ($i = 0; $i -lt $Count; $i++) { Invoke-AcrCloudRequest -Path $Path }
    }
    'Irm/Requests' {
        $records = for ($i = 0; $i -lt $Count; $i++) { Invoke-RestMethod -Uri "$Url$Path" -Headers $headers }
    }
    'AcrCloud/Report' {
        # One pipeline each, as the README writes them: the rows stream to the file.
        if ($Variant -eq 'Export-Csv') {
            Get-AcrBmCsResult -ProjectId $ProjectId -StreamId $streams -From $from -To $to -TimeZone $TimeZone |
                ConvertTo-AcrBmCsPlay -MergeConsecutive -TimeZone $TimeZone |
                Export-Csv $csv -Encoding utf8
        }
        else {
            $null = Get-AcrBmCsResult -ProjectId $ProjectId -StreamId $streams -From $from -To $to -TimeZone $TimeZone |
                ConvertTo-AcrBmCsPlay -MergeConsecutive -TimeZone $TimeZone |
                Export-AcrBmCsPlay -Path $csv
        }
    }
    'AcrCloud/Json' {
        $json = if ($Variant -eq 'ConvertTo-AcrCloudJson') { $records | ConvertTo-AcrCloudJson -Compress } else { ConvertTo-Json -InputObject $records -Depth 20 -Compress }
    }
    'AcrCloud/Stream' {
        Get-AcrBmCsResult -ProjectId $ProjectId -StreamId $streams -From $from -To $to | ConvertTo-AcrBmCsPlay | Export-Csv $csv
    }
    'AcrCloud/Save' {
        # As the nightly job runs it: default options, one object per stream-day kept to look at afterwards.
        $saved = Save-AcrBmCsResult -ProjectId $ProjectId -StreamId $streams -Date $dates -Path $Folder
    }
    'AcrCloud/Import' {
        $records = if ($Variant -eq 'Get-AcrBmCsResult') {
            Get-AcrBmCsResult -ProjectId $ProjectId -StreamId $streams -Date $dates
        }
        else {
            Import-AcrBmCsResult $Folder
        }
    }
}
# What a loop over the records reads: member access works on the module's records, on PSCustomObjects and on
# the hashtables of ConvertFrom-Json -AsHashtable alike.
if ($Kind -in 'Results', 'Import') {
    $records = @($records)
    $total = 0
    foreach ($r in $records) { $total += $r.metadata.played_duration }
}
elseif ($Kind -eq 'Requests') {
    $records = @($records)
    $total = 0
    foreach ($r in $records) { $total += $r.data.id }
}
$clock.Stop()

switch ($Kind) {
    { $_ -in 'Results', 'Import' } { $figures.records = $records.Count; $figures.total = $total }
    # A day skipped or failed brings no Records, so it shows as records missing.
    'Save' { $figures.records = [long](@($saved) | Measure-Object -Property Records -Sum).Sum }
    # A small answer counts only when it really is the project asked for.
    'Requests' { $figures.records = @($records | Where-Object { $_.data.id -eq $ProjectId }).Count; $figures.total = $total }
    'Json' { $figures.records = $records.Count; $figures.length = "$json".Length }
    default {
        $lines = 0
        foreach ($line in [IO.File]::ReadLines($csv)) { $lines++ }
        $figures.records = $lines - 1
        $figures.rows = $lines - 1
        # Lets the benchmark tell whether two tools wrote the very same file.
        $figures.sha256 = (Get-FileHash $csv -Algorithm SHA256).Hash.ToLowerInvariant()
        Remove-Item $csv
    }
}
$peak = [System.Diagnostics.Process]::GetCurrentProcess().PeakWorkingSet64

$figures.seconds = [Math]::Round($clock.Elapsed.TotalSeconds, 4)
$figures.peakMB = [Math]::Round($peak / 1MB, 1)
$figures | ConvertTo-Json -Compress
