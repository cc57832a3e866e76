using System.Globalization;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.Extensions.Options;
using Microsoft.OpenApi;
using ProcOrleans.Gateway.Esb;
using ProcOrleans.Gateway.Native;
using ProcOrleans.Grains.Errors;

namespace ProcOrleans.Gateway.OpenApi;

/// <summary>
/// Describes the ESB and native operations: the handlers read their body as raw JSON (so that a wrong
/// JSON type gets its own code), so the body, the envelope and the error codes are written here.
/// </summary>
public sealed class EsbOperationTransformer(IHostEnvironment environment, IOptions<EsbOptions> esb) : IOpenApiOperationTransformer
{
    public Task TransformAsync(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken cancellationToken)
    {
        var metadata = context.Description.ActionDescriptor.EndpointMetadata;
        if (metadata.OfType<EsbApi>().FirstOrDefault() is not { } api || EsbApiCatalogue.Find(api.Name) is not { } document)
        {
            return Task.CompletedTask;
        }

        var native = metadata.OfType<NativeEnvelope>().Any();
        operation.Summary = api.Name;
        operation.Description = document.Summary + "\n\nError codes: "
            + string.Join(", ", document.ErrorCodes.Distinct().Order().Select(c =>
                $"{c.ToString(CultureInfo.InvariantCulture)} ({ErrorMessages.Format(c, ErrorMessages.English, ["%s", "%d"])})"))
            + (native
                ? "\n\nNative route: app credentials only in the X-Bkapi-Authorization header, user in BK_User."
                : "\n\nGeneral parameters: bk_app_code, bk_app_secret, bk_username (or the X-Bkapi-Authorization header).");

        var body = new OpenApiSchema { Type = JsonSchemaType.Object, Properties = new Dictionary<string, IOpenApiSchema>() };
        foreach (var (name, description) in document.Parameters)
        {
            body.Properties[name] = new OpenApiSchema { Description = description };
        }

        var request = new OpenApiMediaType { Schema = body };
        if (!native && document.RequestExample is { } requestExample)
        {
            request.Example = WithDevelopmentApp(JsonNode.Parse(requestExample)!.AsObject());
        }

        operation.RequestBody = new OpenApiRequestBody
        {
            Required = true,
            Content = new Dictionary<string, OpenApiMediaType> { ["application/json"] = request },
        };

        var envelope = new OpenApiMediaType { Schema = Envelope(native) };
        if (!native && document.ResponseExample is { } responseExample)
        {
            envelope.Example = JsonNode.Parse(responseExample);
        }

        operation.Responses = new OpenApiResponses
        {
            ["200"] = new OpenApiResponse
            {
                Description = "The envelope, for success and business errors alike (result false, the code, data null).",
                Content = new Dictionary<string, OpenApiMediaType> { ["application/json"] = envelope },
            },
            ["413"] = new OpenApiResponse { Description = "Body over Esb:MaxBodyBytes; still the envelope, code 1199035." },
        };
        operation.Extensions ??= new Dictionary<string, IOpenApiExtension>();
        operation.Extensions["x-error-codes"] = new JsonNodeExtension(new JsonArray(document.ErrorCodes.Distinct().Order().Select(c => (JsonNode)c).ToArray()));
        return Task.CompletedTask;
    }

    /// <summary>
    /// On a development node the examples carry its own app, so that "send" on <c>/docs</c> gets past
    /// authentication (the development app is public: it is in appsettings.Development.json).
    /// </summary>
    private JsonObject WithDevelopmentApp(JsonObject example)
    {
        if (environment.IsDevelopment() && esb.Value.Apps.FirstOrDefault() is { } app)
        {
            example["bk_app_code"] = app.AppCode;
            example["bk_app_secret"] = app.AppSecret;
            example["bk_username"] = "admin";
            example.Remove("bk_token");
        }

        return example;
    }

    private static OpenApiSchema Envelope(bool native) => new()
    {
        Type = JsonSchemaType.Object,
        Properties = native
            ? new Dictionary<string, IOpenApiSchema>
            {
                ["result"] = new OpenApiSchema { Type = JsonSchemaType.Boolean },
                ["bk_error_code"] = new OpenApiSchema { Type = JsonSchemaType.Integer },
                ["bk_error_msg"] = new OpenApiSchema { Type = JsonSchemaType.String },
                ["permission"] = new OpenApiSchema { Type = JsonSchemaType.Object | JsonSchemaType.Null },
                ["data"] = new OpenApiSchema(),
            }
            : new Dictionary<string, IOpenApiSchema>
            {
                ["result"] = new OpenApiSchema { Type = JsonSchemaType.Boolean },
                ["code"] = new OpenApiSchema { Type = JsonSchemaType.Integer },
                ["message"] = new OpenApiSchema { Type = JsonSchemaType.String },
                ["permission"] = new OpenApiSchema { Type = JsonSchemaType.Object | JsonSchemaType.Null },
                ["request_id"] = new OpenApiSchema { Type = JsonSchemaType.String },
                ["data"] = new OpenApiSchema(),
            },
    };
}
