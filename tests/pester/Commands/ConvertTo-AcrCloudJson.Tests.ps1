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

Describe 'ConvertTo-AcrCloudJson' {
    BeforeEach { $records = @(Get-AcrBmCsResult -ProjectId 1001 -StreamId s-fixture -Date 2024-03-01) }

    It 'writes each record as the API sent it, with the ProjectId and StreamId the module adds' {
        $records | ForEach-Object { $_ | ConvertTo-AcrCloudJson -Compress } |
            Should -BeExactly @($fixtureJson | ForEach-Object { $_.Substring(0, $_.Length - 1) + ',"ProjectId":1001,"StreamId":"s-fixture"}' })
    }

    It 'writes the same JSON as ConvertTo-Json for records without case twins' {
        $plain = $records[0], $records[2]
        ($plain | ConvertTo-AcrCloudJson -Compress) | Should -BeExactly ($plain | ConvertTo-Json -Depth 50 -Compress)
    }

    It 'writes several inputs as one array, one input as one value unless -AsArray' {
        $array = $records | ConvertTo-AcrCloudJson | ConvertFrom-Json -AsHashtable -NoEnumerate
        $array.Count | Should -Be 3
        ($records[0] | ConvertTo-AcrCloudJson -Compress) | Should -Match '^\{'
        ($records[0] | ConvertTo-AcrCloudJson -Compress -AsArray) | Should -Match '^\[\{'
        ($records | ConvertTo-AcrCloudJson) | Should -Match "`n  \{"
    }

    It 'writes values set since, at any depth' {
        $records[0].metadata.played_duration = 999
        $records[0].metadata.music[0].title = 'Renamed'
        $json = $records[0] | ConvertTo-AcrCloudJson -Compress
        $json | Should -Match '"played_duration":999'
        $json | Should -Match '"title":"Renamed"'
    }

    It 'writes other values as ConvertTo-Json would' {
        $value = [ordered]@{ n = 1; t = 'Zürich'; b = $true; l = @(1, 'x'); o = [pscustomobject]@{ a = $null }; d = [datetime]::new(2026, 11, 2, 3, 4, 5, [DateTimeKind]::Utc) }
        ($value | ConvertTo-AcrCloudJson -Compress) | Should -BeExactly '{"n":1,"t":"Zürich","b":true,"l":[1,"x"],"o":{"a":null},"d":"2026-11-02T03:04:05.0000000Z"}'
        $play = $records | ConvertTo-AcrBmCsPlay | Select-Object -First 1
        ($play | ConvertTo-AcrCloudJson -Compress | ConvertFrom-Json).Title | Should -Be 'Nachtzug nach Bern'
    }

    It 'refuses a value nested too deep with a non-terminating error' {
        $deep = @{}; $node = $deep
        for ($i = 0; $i -lt 300; $i++) { $node.n = @{}; $node = $node.n }
        $out = $deep | ConvertTo-AcrCloudJson -ErrorVariable problems -ErrorAction SilentlyContinue
        $out | Should -BeNullOrEmpty
        $problems[0].FullyQualifiedErrorId | Should -BeLike 'AcrCloud.JsonTooDeep,*'
        $problems[0].CategoryInfo.Category | Should -Be 'InvalidArgument'
    }

    It 'takes an array given to -InputObject as one value, and needs no connection' {
        $json = ConvertTo-AcrCloudJson -InputObject $records -Compress
        (ConvertFrom-Json $json -AsHashtable -NoEnumerate).Count | Should -Be 3
        Disconnect-AcrCloud
        try {
            ($records[0] | ConvertTo-AcrCloudJson -Compress) | Should -Match '"StreamId":"s-fixture"'
        }
        finally {
            Connect-AcrCloud -BearerToken $standIn.Token -BaseUrl $standIn.Url -BackoffFactor 0
        }
    }
}

Describe 'ConvertTo-AcrCloudJson with many records' {
    BeforeAll {
        # Two busy days: many batches of records, some written on other threads than the pipeline's.
        $many = @(Get-AcrBmCsResult -ProjectId 2001 -StreamId s-bench-01 -Date 2026-10-01, 2026-10-02)
    }

    It 'writes every record in order, the same text piped or given to -InputObject' {
        $many.Count | Should -BeGreaterThan 900
        $expected = '[' + (($many | ForEach-Object { $_.ToJson() }) -join ',') + ']'
        ($many | ConvertTo-AcrCloudJson -Compress) | Should -BeExactly $expected
        (ConvertTo-AcrCloudJson -InputObject $many -Compress) | Should -BeExactly $expected
    }

    It 'indents many records as it indents a few' {
        $indented = $many | ConvertTo-AcrCloudJson
        $indented | Should -Match "^\[\r?\n  \{\r?\n    `"status`": \{"
        $indented | Should -Match "\r?\n  \},\r?\n  \{\r?\n"
        $indented | Should -Match "\r?\n  \}\r?\n\]$"
        ($indented | ConvertFrom-Json -AsHashtable -NoEnumerate | ConvertTo-Json -Depth 20 -Compress) |
            Should -BeExactly ($many | ConvertTo-AcrCloudJson -Compress | ConvertFrom-Json -AsHashtable -NoEnumerate | ConvertTo-Json -Depth 20 -Compress)
    }

    It 'reads objects with script properties on the pipeline thread, in their place among the records' {
        # A script property runs in the runspace's session state, which only the pipeline thread may use.
        $custom = [pscustomobject]@{ note = 'Zürich' } |
            Add-Member -MemberType ScriptProperty -Name thread -Value { [Environment]::CurrentManagedThreadId } -PassThru
        $pipelineThread = [Environment]::CurrentManagedThreadId
        $items = @($many[0..9]) + $custom + @($many[10..599]) + $custom + @($many[600..899])
        $json = $items | ConvertTo-AcrCloudJson -Compress
        $parsed = $json | ConvertFrom-Json -AsHashtable -NoEnumerate
        $parsed.Count | Should -Be 902
        $parsed[10].note | Should -Be 'Zürich'
        $parsed[10].thread | Should -Be $pipelineThread
        $parsed[601].thread | Should -Be $pipelineThread
        $customJson = "{`"note`":`"Zürich`",`"thread`":$pipelineThread}"
        $json | Should -BeExactly ('[' + ((@($many[0..9] | ForEach-Object { $_.ToJson() }) + $customJson + @($many[10..599] | ForEach-Object { $_.ToJson() }) + $customJson + @($many[600..899] | ForEach-Object { $_.ToJson() })) -join ',') + ']')
    }

    It 'refuses a value nested too deep among many records, and writes nothing' {
        $deep = @{}; $node = $deep
        for ($i = 0; $i -lt 300; $i++) { $node.n = @{}; $node = $node.n }
        $out = @($many[0..399]) + $deep + @($many[400..799]) | ConvertTo-AcrCloudJson -ErrorVariable problems -ErrorAction SilentlyContinue
        $out | Should -BeNullOrEmpty
        $problems[0].FullyQualifiedErrorId | Should -BeLike 'AcrCloud.JsonTooDeep,*'
    }

    It 'gives the same text from runspaces of ForEach-Object -Parallel' {
        $module = (Get-Module AcrCloud).Path
        $texts = 1..2 | ForEach-Object -Parallel {
            Import-Module $using:module
            $using:many | ConvertTo-AcrCloudJson -Compress
        }
        $texts | Should -HaveCount 2
        $texts[0] | Should -BeExactly $texts[1]
        $texts[0] | Should -BeExactly ($many | ConvertTo-AcrCloudJson -Compress)
    }
}
