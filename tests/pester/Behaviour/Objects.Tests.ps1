BeforeAll {
    . (Join-Path $PSScriptRoot '../TestSetup.ps1')
    $standIn = Start-AcrCloudStandIn
    Connect-AcrCloud -BearerToken $standIn.Token -BaseUrl $standIn.Url -BackoffFactor 0
    $fixtureJson = @(Get-Content -Raw $FixturePath | ConvertFrom-Json -AsHashtable).data | ForEach-Object { ConvertTo-Json -InputObject $_ -Depth 50 -Compress }
}

AfterAll {
    Disconnect-AcrCloud -ErrorAction SilentlyContinue
    $standIn | Stop-AcrCloudStandIn
}

Describe 'Result records behave like PSCustomObjects' {
    BeforeEach { $records = @(Get-AcrBmCsResult -ProjectId 1001 -StreamId s-fixture -Date 2024-03-01) }

    It 'lists the JSON''s properties in Get-Member and .PSObject.Properties' {
        $members = $records[0] | Get-Member -MemberType Properties
        $members.Name | Should -Contain 'metadata'
        $members.Name | Should -Contain 'StreamId'
        ($members | Where-Object Name -EQ 'result_type').Definition | Should -Match 'System.Int64 result_type'
        $records[0].PSObject.Properties.Name | Should -Be @('status', 'result_type', 'metadata', 'ProjectId', 'StreamId')
        $records[0].metadata.PSObject.Properties.Name | Should -Be @('type', 'timestamp_utc', 'played_duration', 'record_timestamp', 'music')
        $records[0].PSObject.TypeNames | Should -Contain 'AcrCloud.BmCsResult'
    }

    It 'takes a new value for a property, at any depth, and keeps it' {
        $records[0].metadata.played_duration = 999
        $records[0].metadata.music[0].title = 'Renamed'
        $records[0].metadata.played_duration | Should -Be 999
        $records[0].metadata.music[0].title | Should -Be 'Renamed'
        ($records[0] | ConvertTo-Json -Depth 50 -Compress) | Should -Match '"played_duration":999'
        ($records[0] | ConvertTo-Json -Depth 50 -Compress) | Should -Match '"title":"Renamed"'
    }

    It 'takes Add-Member and shows the new member everywhere' {
        $records[0] | Add-Member -NotePropertyName Checked -NotePropertyValue $true
        $records[0].Checked | Should -BeTrue
        $records[0].PSObject.Properties.Name | Should -Contain 'Checked'
        ($records[0] | ConvertTo-Json -Depth 50 -Compress) | Should -Match '"Checked":true'
    }

    It 'sorts, groups and filters on nested values' {
        ($records | Sort-Object { $_.metadata.played_duration } -Descending)[0].metadata.played_duration | Should -Be 240
        ($records | Group-Object StreamId).Count | Should -Be 3
        @($records | Where-Object { $_.metadata.music }).Count | Should -Be 2
        ($records | Select-Object -ExpandProperty metadata | Select-Object -ExpandProperty played_duration) | Should -Be @(187, 21, 240)
    }

    It 'shows in Format-List * and Format-Table with every JSON property' {
        $list = $records[0] | Format-List * | Out-String
        foreach ($name in 'status', 'result_type', 'metadata', 'ProjectId', 'StreamId') { $list | Should -Match "$name\s*:" }
        $list | Should -Match 'timestamp_utc=2024-03-01 22:58:41'
        $table = $records | Format-Table result_type, StreamId | Out-String
        $table | Should -Match 's-fixture'
    }

    It 'exports top-level properties to CSV like a PSCustomObject' {
        $path = Join-Path $TestDrive 'records.csv'
        $records | Export-Csv -Path $path
        $rows = Import-Csv $path
        $rows.Count | Should -Be 3
        $rows[0].PSObject.Properties.Name | Should -Be @('status', 'result_type', 'metadata', 'ProjectId', 'StreamId')
        $rows[0].StreamId | Should -Be 's-fixture'
    }

    It 'reproduces the API''s JSON' {
        $records | ConvertTo-ApiJson | Should -BeExactly $fixtureJson
    }

    It 'reads the same values from many threads at once' {
        $shared = $records
        $seen = 1..32 | ForEach-Object -ThrottleLimit 16 -Parallel {
            # A runspace reads the records' JSON properties through the module's type adapter, so it imports the module.
            Import-Module $using:ModulePath
            $r = $using:shared
            $artists = @($r[0].metadata.music[0].artists.name) -join ','
            '{0}|{1}|{2}' -f $r[$_ % 3].metadata.timestamp_utc, $artists, ($r[2] | ConvertTo-Json -Depth 50 -Compress).Length
        }
        ($seen | Sort-Object -Unique).Count | Should -Be 3
        $seen | ForEach-Object { $_ | Should -Match '\|Mira Keller,The Aare Collective\|' }
    }

    It 'is serialised by Export-Clixml with its properties' {
        $path = Join-Path $TestDrive 'records.xml'
        $records | Export-Clixml -Path $path -Depth 5
        $back = Import-Clixml $path
        $back[0].metadata.played_duration | Should -Be 187
        $back[0].StreamId | Should -Be 's-fixture'
    }

    It 'takes Add-Member on a nested object and keeps it' {
        $records[0].metadata | Add-Member -NotePropertyName Checked -NotePropertyValue 'yes'
        $records[0].metadata.Checked | Should -Be 'yes'
        $records[0].metadata.PSObject.Properties.Name | Should -Contain 'Checked'
    }

    It 'reads the same values on the pipeline thread and on a worker that has not imported the module' {
        $here = $records | ForEach-Object { '{0}|{1}|{2}|{3}' -f $_.metadata.timestamp_utc, $_.metadata.played_duration, @($_.metadata.music)[0].title, $_.StreamId }
        $there = $records | ForEach-Object -ThrottleLimit 3 -Parallel {
            # No Import-Module: member access is answered by the record itself.
            '{0}|{1}|{2}|{3}' -f $_.metadata.timestamp_utc, $_.metadata.played_duration, @($_.metadata.music)[0].title, $_.StreamId
        }
        @($there | Sort-Object) | Should -Be @($here | Sort-Object)
        $here[0] | Should -Be '2024-03-01 22:58:41|187|Nachtzug nach Bern|s-fixture'
        $artists = $records[0] | ForEach-Object -Parallel { @($_.metadata.music[0].artists.name) -join ',' }
        $artists | Should -Be 'Mira Keller,The Aare Collective'
    }

    It 'still reads its values after the module is removed' {
        $output = Invoke-FreshPwsh @"
Import-Module '$ModulePath'; Import-Module '$StandInModulePath'
`$s = Start-AcrCloudStandIn
try {
    Connect-AcrCloud -BearerToken `$s.Token -BaseUrl `$s.Url
    `$r = @(Get-AcrBmCsResult -ProjectId 1001 -StreamId s-fixture -Date 2024-03-01)
    Remove-Module AcrCloud
    'read:' + `$r[0].metadata.played_duration + ':' + `$r[0].metadata.music[0].title
} finally { `$s | Stop-AcrCloudStandIn }
"@
        ($output | Where-Object { "$_" -like 'read:*' }) | Should -Be 'read:187:Nachtzug nach Bern'
    }
}

Describe 'Keys that differ only by case' {
    BeforeAll {
        $file = (Get-AcrBmCsResult -ProjectId 1001 -StreamId s-fixture -Date 2024-03-01)[1].metadata.custom_files[0]
    }

    It 'reads each key by its exact name and shows the later one as <name>_2' {
        $file.title | Should -BeExactly 'Station ID Morning'
        $file.Title | Should -BeExactly 'Station ID Morning'
        $file.PSObject.Properties.Name | Should -Contain 'title'
        $file.PSObject.Properties.Name | Should -Contain 'Title_2'
        $file.Title_2 | Should -BeExactly 'Station ID Morning'
    }

    It 'is an object for Select-Object, Format-Table and Sort-Object' {
        $row = $file | Select-Object acrid, score, title, Title_2
        $row.acrid | Should -Be 'a0b1c2d3e4f5a6b7c8d9e0f1a2b3c4d5'
        $row.score | Should -Be 88
        $row.Title_2 | Should -Be 'Station ID Morning'
        ($file | Format-Table title, score | Out-String) | Should -Match 'Station ID Morning\s+88'
        $sorted = @([pscustomobject]@{ score = 90 }, $file, [pscustomobject]@{ score = 10 }) | Sort-Object score
        $sorted[1].acrid | Should -Be 'a0b1c2d3e4f5a6b7c8d9e0f1a2b3c4d5'
    }

    It 'writes both keys as the API sent them, with ConvertTo-Json and ConvertTo-AcrCloudJson' {
        ($file | ConvertTo-Json -Compress) | Should -Match '"title":"Station ID Morning".*"Title":"Station ID Morning"'
        ($file | ConvertTo-Json -Compress) | Should -Not -Match 'Title_2'
        ($file | ConvertTo-AcrCloudJson -Compress) | Should -Match '^\{"title":"Station ID Morning",.*"Title":"Station ID Morning"\}$'
    }
}
