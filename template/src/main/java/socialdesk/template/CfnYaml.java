package socialdesk.template;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.AbstractConstruct;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;

/**
 * Reads a CloudFormation / SAM template written in YAML into plain maps, lists and scalars, turning
 * the short-form intrinsic tags ({@code !Ref}, {@code !Sub}, {@code !GetAtt}, ...) into the long
 * JSON forms CloudFormation itself uses ({@code {"Ref": ...}}, {@code {"Fn::Sub": ...}}, ...).
 * Duplicate keys are an error, as they are for CloudFormation.
 */
public final class CfnYaml {
    /** Short forms whose long form is {@code Fn::<name>}. */
    private static final Set<String> FUNCTIONS = Set.of(
            "Sub", "GetAtt", "If", "Equals", "Not", "And", "Or", "Select", "Join", "Split", "FindInMap",
            "Base64", "Cidr", "GetAZs", "ImportValue", "Transform", "ToJsonString", "Length");

    private CfnYaml() {
    }

    public static Map<String, Object> parse(String yaml) {
        LoaderOptions options = new LoaderOptions();
        options.setAllowDuplicateKeys(false);
        Object document = new Yaml(new IntrinsicConstructor(options)).load(yaml);
        if (!(document instanceof Map<?, ?> map)) {
            throw new IllegalArgumentException("a template is a YAML mapping");
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> template = (Map<String, Object>) map;
        return template;
    }

    private static final class IntrinsicConstructor extends SafeConstructor {
        IntrinsicConstructor(LoaderOptions options) {
            super(options);
            yamlConstructors.put(new Tag("!Ref"), new Intrinsic("Ref"));
            yamlConstructors.put(new Tag("!Condition"), new Intrinsic("Condition"));
            for (String function : FUNCTIONS) {
                yamlConstructors.put(new Tag("!" + function), new Intrinsic("Fn::" + function));
            }
        }

        private final class Intrinsic extends AbstractConstruct {
            private final String key;

            Intrinsic(String key) {
                this.key = key;
            }

            @Override
            public Object construct(Node node) {
                Object value = switch (node) {
                    case ScalarNode scalar -> constructScalar(scalar);
                    case SequenceNode sequence -> constructSequence(sequence);
                    case MappingNode mapping -> constructMapping(mapping);
                    default -> throw new IllegalArgumentException("unexpected node for " + key + ": " + node);
                };
                // !GetAtt Resource.Attribute is the short form of ["Resource", "Attribute"].
                if (key.equals("Fn::GetAtt") && value instanceof String dotted) {
                    int dot = dotted.indexOf('.');
                    if (dot < 1) {
                        throw new IllegalArgumentException("!GetAtt needs Resource.Attribute, got '" + dotted + "'");
                    }
                    value = List.of(dotted.substring(0, dot), dotted.substring(dot + 1));
                }
                Map<String, Object> longForm = new LinkedHashMap<>();
                longForm.put(key, value);
                return longForm;
            }
        }
    }
}
