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
}
