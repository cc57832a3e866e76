using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using ProcOrleans.Gateway.Tests.Infrastructure;

namespace ProcOrleans.Gateway.Tests.Esb;

/// <summary>
/// Thousands of random and mutated bodies at every API: the answer is always HTTP 200 and the envelope,
/// never an unexpected error, and a failed call never changes storage. The seed of each run is in the
/// failure message, so a failure can be replayed.
/// </summary>
public sealed class FuzzTests(GatewayFixture fixture) : IClassFixture<GatewayFixture>
{
    private const int CallsPerApi = 350;

    public static TheoryData<string> Apis => new()
    {
        "create_process_instance", "list_process_instance", "create_service_instance", "list_service_instance",
        "list_service_instance_detail", "delete_service_instance", "update_process_instance",
        "delete_process_instance", "list_process_detail_by_ids",
    };

    [Theory]
    [MemberData(nameof(Apis))]
    public async Task Random_and_mutated_bodies_always_get_an_envelope_and_failures_store_nothing(string api)
    {
        var esb = fixture.Factory.CreateEsbClient();
        var biz = TestBusinesses.Next();
        var instance = await esb.CreateServiceInstanceAsync(biz);
        var created = await esb.CreateProcessesAsync(biz, instance, EsbTestClient.Process("seed-a", "fa"), EsbTestClient.Process("seed-b", "fb"));
        created.AssertSuccess();
        var processIds = created.Data!.AsArray().Select(n => n!.GetValue<long>()).ToArray();

        var seed = Environment.TickCount;
        var random = new Random(seed);
        var generator = new BodyGenerator(random, biz, instance, processIds);
        var codes = new List<int>(CallsPerApi);
        for (var call = 0; call < CallsPerApi; call++)
        {
            var body = generator.Next(api);
            var before = fixture.Factory.SnapshotStorage();
            Envelope envelope;
            try
            {
                envelope = await esb.PostRawAsync(api, body);
            }
            catch (Exception e)
            {
                throw new Xunit.Sdk.XunitException($"seed {seed}, call {call}, body {Shorten(body)}: {e.Message}");
            }

            Assert.True(envelope.Code != 1199998, $"seed {seed}, call {call}: unexpected error for {Shorten(body)}");
            codes.Add(envelope.Code);
            if (!envelope.Result)
            {
                Assert.True(envelope.Code != 0, $"seed {seed}, call {call}");
                Assert.True(before == fixture.Factory.SnapshotStorage(), $"seed {seed}, call {call}: a failed call changed storage: {Shorten(body)}");
            }
        }

        // The generator must reach both the success path and several checks, or the test proves little.
        Assert.Contains(0, codes);
        Assert.True(codes.Distinct().Count() >= 3, $"seed {seed}: only codes {string.Join(", ", codes.Distinct())}");
    }

    [Fact]
    public async Task Raw_garbage_and_odd_transports_get_the_envelope()
    {
        var esb = fixture.Factory.CreateEsbClient();
        var random = new Random(7);
        for (var i = 0; i < 200; i++)
        {
            var bytes = new byte[random.Next(0, 300)];
            random.NextBytes(bytes);
            using var content = new ByteArrayContent(bytes);
            using var response = await esb.Http.PostAsync("/api/c/compapi/v2/cc/create_process_instance/", content);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Envelope.Parse(await response.Content.ReadAsStringAsync()).AssertError(1199000);
        }

        using var get = await esb.Http.GetAsync("/api/c/compapi/v2/cc/list_process_instance/");
        Assert.Equal(HttpStatusCode.MethodNotAllowed, get.StatusCode);
        Assert.False(Envelope.Parse(await get.Content.ReadAsStringAsync()).Result);

        using var unknown = await esb.Http.PostAsync("/api/c/compapi/v2/cc/no_such_api/", new StringContent("{}", Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.False(Envelope.Parse(await unknown.Content.ReadAsStringAsync()).Result);
    }

    private static string Shorten(string body) => body.Length <= 300 ? body : body[..300] + "...";

    /// <summary>Valid bodies for each API, then mutated: keys dropped, values swapped for odd JSON, text cut.</summary>
    private sealed class BodyGenerator(Random random, long biz, long instance, long[] processIds)
    {
        private int _serial;

        public string Next(string api)
        {
            var body = Valid(api);
            body["bk_app_code"] = GatewayFactory.AppCode;
            body["bk_app_secret"] = GatewayFactory.AppSecret;
            body["bk_username"] = "fuzz";
            var mutations = random.Next(0, 4);
            for (var i = 0; i < mutations; i++)
            {
                Mutate(body, depth: 0);
            }

            var text = body.ToJsonString();
            return random.Next(20) switch
            {
                0 => text[..random.Next(text.Length)],
                1 => text.Insert(random.Next(text.Length), RandomToken()),
                _ => text,
            };
        }

        private JsonObject Valid(string api)
        {
            var n = Interlocked.Increment(ref _serial);
            return api switch
            {
                "create_process_instance" => new JsonObject
                {
                    ["bk_biz_id"] = biz, ["service_instance_id"] = instance,
                    ["processes"] = new JsonArray(new JsonObject { ["process_info"] = Process($"fuzz-{n}") }),
                },
                "list_process_instance" => new JsonObject { ["bk_biz_id"] = biz, ["service_instance_id"] = instance },
                "create_service_instance" => new JsonObject
                {
                    ["bk_biz_id"] = biz, ["bk_module_id"] = 3,
                    ["instances"] = new JsonArray(new JsonObject
                    {
                        ["bk_host_id"] = 5, ["processes"] = new JsonArray(new JsonObject { ["process_info"] = Process($"fuzz-{n}") }),
                    }),
                },
                "list_service_instance" => new JsonObject
                {
                    ["bk_biz_id"] = biz, ["bk_module_id"] = 3, ["bk_host_ids"] = new JsonArray(5), ["search_key"] = "fuzz",
                    ["page"] = new JsonObject { ["start"] = 0, ["limit"] = 10, ["sort"] = "-name" },
                },
                "list_service_instance_detail" => new JsonObject
                {
                    ["bk_biz_id"] = biz, ["service_instance_ids"] = new JsonArray(instance), ["page"] = new JsonObject { ["limit"] = 10 },
                },
                "delete_service_instance" => new JsonObject { ["bk_biz_id"] = biz + 1_000_000, ["service_instance_ids"] = new JsonArray(instance) },
                "update_process_instance" => new JsonObject
                {
                    ["bk_biz_id"] = biz,
                    ["processes"] = new JsonArray(Flat(processIds[random.Next(processIds.Length)], $"fuzz-upd-{n}")),
                },
                "delete_process_instance" => new JsonObject { ["bk_biz_id"] = biz + 1_000_000, ["process_instance_ids"] = new JsonArray(processIds[0]) },
                "list_process_detail_by_ids" => new JsonObject
                {
                    ["bk_biz_id"] = biz, ["bk_process_ids"] = new JsonArray(processIds[0], processIds[1]), ["fields"] = new JsonArray("bk_process_name"),
                },
                _ => throw new ArgumentOutOfRangeException(nameof(api)),
            };
        }

        private JsonObject Process(string name) => new()
        {
            ["bk_process_name"] = name, ["bk_func_name"] = name, ["priority"] = 1, ["auto_start"] = true,
            ["bind_info"] = new JsonArray(new JsonObject { ["ip"] = "10.0.0.1", ["port"] = "80", ["protocol"] = "1", ["enable"] = true }),
        };

        private JsonObject Flat(long id, string name)
        {
            var process = Process(name);
            process["bk_process_id"] = id;
            return process;
        }

        private void Mutate(JsonNode node, int depth)
        {
            switch (node)
            {
                case JsonObject obj when obj.Count > 0 && depth < 6:
                {
                    var key = obj.ElementAt(random.Next(obj.Count)).Key;
                    if (key is "bk_app_code" or "bk_app_secret" && random.Next(4) != 0)
                    {
                        return;
                    }

                    switch (random.Next(4))
                    {
                        case 0:
                            obj.Remove(key);
                            break;
                        case 1:
                            obj[key] = RandomValue(depth);
                            break;
                        case 2:
                            obj[RandomKey()] = RandomValue(depth);
                            break;
                        default:
                            if (obj[key] is { } child)
                            {
                                Mutate(child, depth + 1);
                            }

                            break;
                    }

                    break;
                }

                case JsonArray array when depth < 6:
                    if (array.Count > 0 && random.Next(3) == 0 && array[random.Next(array.Count)] is { } item)
                    {
                        Mutate(item, depth + 1);
                    }
                    else if (random.Next(2) == 0)
                    {
                        array.Add(RandomValue(depth));
                    }
                    else if (array.Count > 0)
                    {
                        array.RemoveAt(random.Next(array.Count));
                    }

                    break;
            }
        }

        private JsonNode? RandomValue(int depth) => random.Next(16) switch
        {
            0 => null,
            1 => JsonValue.Create(random.Next(2) == 0),
            2 => JsonValue.Create(random.NextInt64(long.MinValue, long.MaxValue)),
            3 => JsonValue.Create(random.NextDouble() * 1e6),
            4 => JsonNode.Parse("1e400") ?? JsonValue.Create(0),
            5 => JsonNode.Parse("123456789012345678901234567890"),
            6 => JsonValue.Create(new string('x', random.Next(0, 3000))),
            7 => JsonValue.Create(" \t" + RandomToken() + "\n "),
            8 => JsonValue.Create("进程" + random.Next()),
            9 => depth < 5 ? new JsonArray(RandomValue(depth + 1), RandomValue(depth + 1)) : JsonValue.Create(1),
            10 => depth < 5 ? new JsonObject { [RandomKey()] = RandomValue(depth + 1) } : JsonValue.Create("x"),
            11 => JsonValue.Create(0),
            12 => JsonValue.Create(-1),
            13 => JsonValue.Create(random.Next(1, 70000).ToString(System.Globalization.CultureInfo.InvariantCulture)),
            14 => new JsonArray(Enumerable.Range(0, random.Next(90, 120)).Select(i => (JsonNode?)JsonValue.Create(i)).ToArray()),
            _ => JsonValue.Create(long.MaxValue),
        };

        private string RandomKey() => random.Next(8) switch
        {
            0 => "bk_process_id",
            1 => "bind_info",
            2 => "process_info",
            3 => "page",
            4 => "service_instance_id",
            5 => "bk_biz_id",
            6 => "",
            _ => RandomToken(),
        };

        private string RandomToken()
        {
            const string alphabet = "abc{}[]\":,\\/ 0123456789-_.\u0000\u00e9\u8fdb";
            var length = random.Next(1, 12);
            var builder = new StringBuilder(length);
            for (var i = 0; i < length; i++)
            {
                builder.Append(alphabet[random.Next(alphabet.Length)]);
            }

            return builder.ToString();
        }
    }
}
