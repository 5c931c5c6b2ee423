#requires -Version 7.2
<#
.SYNOPSIS
Prints the peak memory of a monthly export that streams straight to a CSV file, for 3 and for 30 days of 10 busy
streams: with records flowing down the pipeline, memory follows the largest responses in flight, not the days.
.DESCRIPTION
The StreamingShort and StreamingLong rows of Invoke-Benchmark.ps1 on their own (Get-AcrBmCsResult -From -To |
ConvertTo-AcrBmCsPlay | Export-Csv, each size in a fresh process); build.ps1 -Task Bench shows them in its table.
.PARAMETER ModulePath
The built module manifest. Default: out/AcrCloud/AcrCloud.psd1 in the repository.
.PARAMETER Quick
1 and 3 days of 3 streams instead of 3 and 30 days of 10.
#>
param(
    [string] $ModulePath = (Join-Path $PSScriptRoot '../../out/AcrCloud/AcrCloud.psd1'),
    [switch] $Quick
)

& (Join-Path $PSScriptRoot 'Invoke-Benchmark.ps1') -ModulePath $ModulePath -Quick:$Quick -Workload 'Streaming*'
