using System.Text;
using Amazon.Runtime;
using Amazon.Runtime.Credentials.Internal;
using Amazon.Runtime.Endpoints;
using Amazon.Runtime.Internal;
using Amazon.Runtime.Internal.Auth;
using Amazon.Runtime.Internal.Transform;
using Amazon.Runtime.Internal.Util;

namespace CognitoMock.Testing.Tests.Support;

// AWSSDK.CognitoIdentityProvider is not served here. These few types stand in for it on top of the real
// AWSSDK.Core pipeline (credentials, SigV4 signing, retries, the HttpClientFactory hook, error unmarshalling),
// which is what ConfigureClient has to work with; only the operation's JSON is passed through as text.

internal sealed class MiniCognitoConfig : ClientConfig
{
    public MiniCognitoConfig()
        : base(new DefaultConfigurationProvider([new DefaultConfiguration { Name = DefaultConfigurationMode.Standard, RetryMode = RequestRetryMode.Standard }]))
    {
        // As AmazonCognitoIdentityProviderConfig does: the signing name cannot come from a localhost URL.
        AuthenticationServiceName = "cognito-idp";
    }

    public override string RegionEndpointServiceName => "cognito-idp";

    public override string ServiceVersion => "2016-04-18";

    public override string UserAgent => "cognitomock-tests";

    public override Endpoint DetermineServiceOperationEndpoint(ServiceOperationEndpointParameters parameters) => new(ServiceURL);
}

internal sealed class MiniCognitoClient(MiniCognitoConfig config)
    : AmazonServiceClient(new BasicAWSCredentials("test", "test"), config)
{
    public Task<MiniResponse> CallAsync(string operation, string json) => InvokeAsync<MiniResponse>(
        new MiniRequest { Operation = operation, Json = json },
        new InvokeOptions { RequestMarshaller = new RequestMarshaller(config), ResponseUnmarshaller = new ResponseUnmarshaller() },
        CancellationToken.None);

    protected override void CustomizeRuntimePipeline(RuntimePipeline pipeline) =>
        pipeline.AddHandlerAfter<Amazon.Runtime.Internal.Marshaller>(new SigV4Resolver());

    private sealed class SigV4Resolver : BaseAuthResolverHandler
    {
        protected override List<IAuthSchemeOption> ResolveAuthOptions(IExecutionContext executionContext) => [.. AuthSchemeOption.DEFAULT_SIGV4];
    }

    private sealed class RequestMarshaller(MiniCognitoConfig config) : IMarshaller<IRequest, AmazonWebServiceRequest>
    {
        public IRequest Marshall(AmazonWebServiceRequest input)
        {
            var request = (MiniRequest)input;
            var marshalled = new DefaultRequest(request, "CognitoIdentityProvider")
            {
                HttpMethod = "POST",
                ResourcePath = "/",
                Content = Encoding.UTF8.GetBytes(request.Json),
                Endpoint = new Uri(config.ServiceURL),
            };
            marshalled.Headers["X-Amz-Target"] = "AWSCognitoIdentityProviderService." + request.Operation;
            marshalled.Headers["Content-Type"] = "application/x-amz-json-1.1";
            return marshalled;
        }
    }

    private sealed class ResponseUnmarshaller : JsonResponseUnmarshaller
    {
        public override AmazonWebServiceResponse Unmarshall(JsonUnmarshallerContext context)
        {
            using var reader = new StreamReader(context.Stream);
            return new MiniResponse { Json = reader.ReadToEnd() };
        }

        public override AmazonServiceException UnmarshallException(JsonUnmarshallerContext context, Exception innerException, System.Net.HttpStatusCode statusCode)
        {
            var reader = new StreamingUtf8JsonReader(context.Stream);
            var error = JsonErrorResponseUnmarshaller.GetInstance().Unmarshall(context, ref reader);
            return new AmazonServiceException(error.Message, innerException, error.Type, error.Code, error.RequestId, statusCode);
        }
    }
}

internal sealed class MiniRequest : AmazonWebServiceRequest
{
    public string Operation { get; set; } = "";

    public string Json { get; set; } = "";
}

internal sealed class MiniResponse : AmazonWebServiceResponse
{
    public string Json { get; set; } = "";
}
