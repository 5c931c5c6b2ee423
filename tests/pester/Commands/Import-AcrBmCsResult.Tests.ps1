BeforeAll {
    . (Join-Path $PSScriptRoot '../TestSetup.ps1')
    $standIn = Start-AcrCloudStandIn
    $connection = Connect-AcrCloud -BearerToken $standIn.Token -BaseUrl $standIn.Url -BackoffFactor 0 -PassThru
    $streams = 's-onda-1', 's-onda-2'
    $month = @{ From = '2026-11-01'; To = '2026-11-30'; TimeZone = 'Europe/Zurich' }
    $root = Join-Path $TestDrive 'archive'
    $gzRoot = Join-Path $TestDrive 'archive-gz'
    # Every UTC day that overlaps November in Zurich, once as plain JSON and once as gzip.
    $null = Save-AcrBmCsResult -ProjectId 1002 -StreamId $streams @month -Path $root
    $null = Save-AcrBmCsResult -ProjectId 1002 -StreamId $streams @month -Path $gzRoot -Compress
    $online = @(Get-AcrBmCsResult -ProjectId 1002 -StreamId $streams @month)

    function ConvertTo-RecordText {
        # Everything PowerShell sees of a record: its JSON, the labels with their types, and its type names.
        process { ($_ | ConvertTo-Json -Depth 50 -Compress) + '|' + $_.ProjectId.GetType().Name + '|' + ($_.PSObject.TypeNames -join ',') + '|' + ($_.PSObject.Properties.Name -join ',') }
    }

    function Copy-Day([string] $From, [string] $To) {
        $null = New-Item -ItemType Directory -Force (Split-Path $To)
        Copy-Item $From $To
    }
}

AfterAll {
    Disconnect-AcrCloud -ErrorAction SilentlyContinue
    $standIn | Stop-AcrCloudStandIn
}

Describe 'Import-AcrBmCsResult records' {
    It 'gives the same objects as Get-AcrBmCsResult over the same local range: JSON, labels, types, order' {
        $online.Count | Should -BeGreaterThan 100
        $imported = @(Import-AcrBmCsResult $root @month)
        $imported.Count | Should -Be $online.Count
        ($imported | ConvertTo-RecordText) | Should -BeExactly ($online | ConvertTo-RecordText)
        $imported[0].PSObject.TypeNames[0] | Should -Be 'AcrCloud.BmCsResult'
        $imported[0].metadata.music[0].title | Should -BeExactly $online[0].metadata.music[0].title
    }

    It 'reads gzip files transparently: the .json.gz archive gives the same objects' {
        $imported = @(Import-AcrBmCsResult $gzRoot @month)
        ($imported | ConvertTo-RecordText) | Should -BeExactly ($online | ConvertTo-RecordText)
    }

    It 'without a range gives every record of every file, in stream then day order, whatever order the paths come in' {
        $days = '2026-11-02', '2026-11-01'
        $paths = foreach ($stream in 's-onda-2', 's-onda-1') { foreach ($day in $days) { Join-Path $root "1002/$stream/$day.json" } }
        $imported = @(Import-AcrBmCsResult -Path $paths)
        $expected = @(Get-AcrBmCsResult -ProjectId 1002 -StreamId s-onda-1, s-onda-2 -Date 2026-11-01, 2026-11-02)
        ($imported | ConvertTo-RecordText) | Should -BeExactly ($expected | ConvertTo-RecordText)
    }

    It 'takes wildcards, files from the pipeline and the objects of Save-AcrBmCsResult' {
        $expected = @(Get-AcrBmCsResult -ProjectId 1002 -StreamId s-onda-1, s-onda-2 -Date 2026-11-03, 2026-11-04) | ConvertTo-RecordText
        (Import-AcrBmCsResult (Join-Path $root '1002/s-onda-?/2026-11-0[34].json') | ConvertTo-RecordText) | Should -BeExactly $expected
        (Get-ChildItem $root -Recurse -File | Where-Object Name -Match '^2026-11-0[34]\.json$' | Import-AcrBmCsResult | ConvertTo-RecordText) | Should -BeExactly $expected
        $saved = Save-AcrBmCsResult -ProjectId 1002 -StreamId s-onda-1, s-onda-2 -Date 2026-11-03, 2026-11-04 -Path $root
        @($saved.Status | Sort-Object -Unique) | Should -Be 'Skipped'
        ($saved | Import-AcrBmCsResult | ConvertTo-RecordText) | Should -BeExactly $expected
    }

    It 'filters by -ProjectId and -StreamId' {
        $only = @(Import-AcrBmCsResult $root @month -StreamId s-onda-2)
        ($only | ConvertTo-RecordText) | Should -BeExactly ($online | Where-Object StreamId -EQ s-onda-2 | ConvertTo-RecordText)
        Import-AcrBmCsResult $root @month -StreamId 's-onda-*' | Should -HaveCount $online.Count
        Import-AcrBmCsResult $root @month -ProjectId 1001 | Should -BeNullOrEmpty
        Import-AcrBmCsResult $root @month -ProjectId 1002 | Should -HaveCount $online.Count
    }

    It 'refuses an unknown zone and a reversed range like Get-AcrBmCsResult' {
        { Import-AcrBmCsResult $root -From 2026-11-01 -TimeZone Mars/Olympus } | Should -Throw -ErrorId 'AcrCloud.UnknownTimeZone,*'
        { Import-AcrBmCsResult $root -From 2026-11-02 -To 2026-11-01 } | Should -Throw -ErrorId 'AcrCloud.InvalidDateRange,*'
    }
}

Describe 'Import-AcrBmCsResult damaged archives' {
    It 'reports each damaged file by name as InvalidData and still imports the others' {
        $damaged = Join-Path $TestDrive 'damaged'
        foreach ($day in '01', '02', '03', '04', '05') { Copy-Day (Join-Path $root "1002/s-onda-1/2026-11-$day.json") (Join-Path $damaged "1002/s-onda-1/2026-11-$day.json") }
        $truncated = Join-Path $damaged '1002/s-onda-1/2026-11-02.json'
        $bytes = [IO.File]::ReadAllBytes($truncated)
        [IO.File]::WriteAllBytes($truncated, $bytes[0..($bytes.Length / 2)])
        $notJson = Join-Path $damaged '1002/s-onda-1/2026-11-03.json'
        Set-Content $notJson '<html>Bad gateway</html>'
        $noData = Join-Path $damaged '1002/s-onda-1/2026-11-04.json'
        Set-Content $noData '{"message": "none", "items": []}'

        $imported = @(Import-AcrBmCsResult $damaged -ErrorVariable problems -ErrorAction SilentlyContinue)
        $expected = @(Get-AcrBmCsResult -ProjectId 1002 -StreamId s-onda-1 -Date 2026-11-01, 2026-11-05)
        ($imported | ConvertTo-RecordText) | Should -BeExactly ($expected | ConvertTo-RecordText)
        $problems.Count | Should -Be 3
        $problems.TargetObject | Should -Be @($truncated, $notJson, $noData)
        $problems | ForEach-Object {
            $_.FullyQualifiedErrorId | Should -BeLike 'AcrCloud.InvalidArchiveFile,*'
            $_.CategoryInfo.Category | Should -Be 'InvalidData'
            $_.Exception.Message | Should -Match ([regex]::Escape($_.TargetObject))
        }
    }

    It 'reports a file outside the archive layout and a path that does not exist' {
        $loose = Join-Path $TestDrive 'loose.json'
        Set-Content $loose '{"data": []}'
        Import-AcrBmCsResult $loose, (Join-Path $TestDrive 'nowhere') -ErrorVariable problems -ErrorAction SilentlyContinue | Should -BeNullOrEmpty
        $problems.FullyQualifiedErrorId | ForEach-Object { ($_ -split ',')[0] } | Should -Be @('AcrCloud.NotAnArchiveFile', 'AcrCloud.ArchivePathNotFound')
    }
}

Describe 'The offline monthly report' {
    It 'equals the online one row for row' {
        $report = @{ MergeConsecutive = $true; TimeZone = 'Europe/Zurich' }
        $onlineRows = @(Get-AcrBmCsResult -ProjectId 1002 -StreamId $streams @month | ConvertTo-AcrBmCsPlay @report | ConvertTo-Csv)
        $offlineRows = @(Import-AcrBmCsResult $root @month | ConvertTo-AcrBmCsPlay @report | ConvertTo-Csv)
        $onlineRows.Count | Should -BeGreaterThan 100
        $offlineRows | Should -BeExactly $onlineRows
        # The archive answers without the API.
        Reset-StandIn -StandIn $standIn
        $null = Import-AcrBmCsResult $gzRoot @month | ConvertTo-AcrBmCsPlay @report
        Get-StandInRequest -StandIn $standIn | Should -BeNullOrEmpty
    }
}
