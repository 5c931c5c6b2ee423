using System.Collections.Generic;
using System.Linq;
using System.Text;
using System.Threading.Tasks;
using AcrCloud.Engine;
using Xunit;

namespace AcrCloud.Tests
{
    public class JsonShapeTests
    {
        private static JsonShape Shape(params string[] names) => names.Aggregate(JsonShape.Empty, (shape, name) => shape.With(name));

        private static JsonObjectSource Record(string json) =>
            Assert.IsAssignableFrom<JsonObjectSource>(JsonPSObjectConverter.ParseDataArray(Encoding.UTF8.GetBytes("{\"data\":[" + json + "]}"))[0]);

        [Fact]
        public void A_type_name_is_shared_by_every_object_of_the_shape_and_keeps_the_names()
        {
            var plain = Shape("status", "metadata");
            var typed = plain.WithTypeName("AcrCloud.BmCsResult");

            Assert.Null(plain.TypeName);
            Assert.Equal("AcrCloud.BmCsResult", typed.TypeName);
            Assert.Same(typed, Shape("status", "metadata").WithTypeName("AcrCloud.BmCsResult"));
            Assert.Same(plain.Names, typed.Names);
            Assert.Equal(1, typed.IndexOf("metadata"));
            Assert.Equal(1, typed.IndexOf("METADATA"));
            Assert.Same(plain.EncodedNames, typed.EncodedNames);
            Assert.Same(plain, typed.WithTypeName(null));
            Assert.Same(typed, typed.WithTypeName("AcrCloud.BmCsResult"));
            Assert.Equal("AcrCloud.BmBdResult", typed.WithTypeName("AcrCloud.BmBdResult").TypeName);
        }

        [Fact]
        public void A_name_added_to_a_typed_shape_keeps_the_type_name_and_is_the_untyped_shape_with_it()
        {
            var typed = Shape("status").WithTypeName("AcrCloud.BmCsResult");

            var grown = typed.With("StreamId");

            Assert.Equal("AcrCloud.BmCsResult", grown.TypeName);
            Assert.Equal(new[] { "status", "StreamId" }, grown.Names);
            Assert.Same(Shape("status", "StreamId").WithTypeName("AcrCloud.BmCsResult"), grown);
            Assert.Same(Shape("status", "StreamId"), grown.WithTypeName(null));
        }

        [Fact]
        public void Case_twins_stay_renamed_under_a_type_name()
        {
            var typed = Shape("title", "Title").WithTypeName("AcrCloud.BmCsResult");

            Assert.True(typed.HasCaseTwins);
            Assert.Equal(new[] { "title", "Title_2" }, typed.PropertyNames);
            Assert.Equal(1, typed.IndexOf("Title"));
            Assert.Equal(1, typed.IndexOf("title_2"));
        }

        [Fact]
        public void A_record_type_name_set_before_or_after_labels_are_appended_is_the_same_and_the_JSON_does_not_change()
        {
            var labels = new[] { new KeyValuePair<string, object?>("ProjectId", 7L), new KeyValuePair<string, object?>("StreamId", "s-1") };
            var first = Record("{\"a\":1,\"b\":{\"c\":true}}");
            first.TypeName = "AcrCloud.BmCsResult";
            first.Append(labels);
            var second = Record("{\"a\":1,\"b\":{\"c\":true}}");
            second.Append(labels);
            second.TypeName = "AcrCloud.BmCsResult";

            Assert.Same(first.Shape, second.Shape);
            Assert.Equal("AcrCloud.BmCsResult", first.TypeName);
            Assert.Null(Assert.IsAssignableFrom<JsonObjectSource>(first.Get("b")).TypeName);
            Assert.Equal("{\"a\":1,\"b\":{\"c\":true},\"ProjectId\":7,\"StreamId\":\"s-1\"}", JsonTextWriter.Write(first));

            second.TypeName = null;
            Assert.Null(second.TypeName);
            Assert.Equal(new[] { "a", "b", "ProjectId", "StreamId" }, second.Shape.Names);
        }

        [Fact]
        public void Records_typed_on_many_threads_at_once_get_one_shape()
        {
            var shapes = new JsonShape[64];
            Parallel.For(0, shapes.Length, i =>
            {
                var record = Record("{\"x" + (i % 2) + "\":" + i + "}");
                record.TypeName = "AcrCloud.Parallel";
                record.Append("StreamId", "s");
                shapes[i] = record.Shape;
            });

            Assert.Equal(2, shapes.Distinct().Count());
            Assert.All(shapes, shape => Assert.Equal("AcrCloud.Parallel", shape.TypeName));
        }
    }
}
