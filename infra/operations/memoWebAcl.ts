import type * as appsync from 'aws-cdk-lib/aws-appsync';
import * as wafv2 from 'aws-cdk-lib/aws-wafv2';
import { Construct } from 'constructs';
import type { OperationsSettings } from './operationsSettings.js';

/** The rate rules count over 5 minutes (WAF offers 60, 120, 300 or 600 s). */
export const RATE_WINDOW_SECONDS = 300;

/**
 * Rules of AWS's common rule set that inspect the body, set to count instead of block. A memo is
 * free text the API only stores: a memo quoting `<script>`, `../../etc/passwd` or a metadata URL is
 * legitimate, and SizeRestrictions_BODY blocks every body over 8 KB, i.e. every memo of more than
 * ~8 KB (the API takes 64 KiB). A blocked write would stay in the offline outbox, retried forever.
 * Counted, they still show in the web ACL's metrics.
 */
export const COUNTED_COMMON_RULES = [
  'SizeRestrictions_BODY',
  'CrossSiteScripting_BODY',
  'GenericLFI_BODY',
  'GenericRFI_BODY',
  'EC2MetaDataSSRF_BODY',
] as const;

export interface MemoWebAclProps {
  readonly stage: string;
  readonly api: appsync.GraphqlApi;
  readonly settings: OperationsSettings;
}

/**
 * A regional WAF web ACL on the AppSync API: rate limits per IP, per caller (the Authorization
 * header: a user's ID token) and on large bodies per caller, then AWS's common rule set with its
 * body rules counted. Every rule publishes CloudWatch metrics and sampled requests.
 */
export class MemoWebAcl extends Construct {
  readonly webAcl: wafv2.CfnWebACL;
  /** The web ACL's name, under which WAF publishes its metrics. */
  readonly name: string;
  readonly ruleNames: readonly string[];

  constructor(scope: Construct, id: string, props: MemoWebAclProps) {
    super(scope, id);
    const { settings } = props;
    const visibility = (name: string): wafv2.CfnWebACL.VisibilityConfigProperty => ({
      cloudWatchMetricsEnabled: true,
      sampledRequestsEnabled: true,
      metricName: `memo-api-${props.stage}-${name}`,
    });
    // The raw header: a user's ID token is the same on every request for up to an hour.
    const perCaller = [{ header: { name: 'authorization', textTransformations: [{ priority: 0, type: 'NONE' }] } }];
    const rateRule = (name: string, rate: Omit<wafv2.CfnWebACL.RateBasedStatementProperty, 'evaluationWindowSec'>) => ({
      name,
      action: { block: {} },
      statement: { rateBasedStatement: { ...rate, evaluationWindowSec: RATE_WINDOW_SECONDS } },
      visibilityConfig: visibility(name),
    });
    const rules = [
      rateRule('RateLimitPerIp', { limit: settings.wafRateLimitPerIp, aggregateKeyType: 'IP' }),
      rateRule('RateLimitPerCaller', { limit: settings.wafRateLimitPerCaller, aggregateKeyType: 'CUSTOM_KEYS', customKeys: perCaller }),
      rateRule('LargeBodyRateLimitPerCaller', {
        limit: settings.wafLargeBodyLimitPerCaller,
        aggregateKeyType: 'CUSTOM_KEYS',
        customKeys: perCaller,
        // A body WAF cannot see whole (over 8 KB on AppSync) counts as large: MATCH, not CONTINUE.
        scopeDownStatement: {
          sizeConstraintStatement: {
            fieldToMatch: { body: { oversizeHandling: 'MATCH' } },
            comparisonOperator: 'GT',
            size: settings.wafLargeBodyBytes,
            textTransformations: [{ priority: 0, type: 'NONE' }],
          },
        },
      }),
      {
        name: 'AWSManagedRulesCommonRuleSet',
        overrideAction: { none: {} },
        statement: {
          managedRuleGroupStatement: {
            vendorName: 'AWS',
            name: 'AWSManagedRulesCommonRuleSet',
            ruleActionOverrides: COUNTED_COMMON_RULES.map((name) => ({ name, actionToUse: { count: {} } })),
          },
        },
        visibilityConfig: visibility('AWSManagedRulesCommonRuleSet'),
      },
    ];
    this.ruleNames = rules.map((rule) => rule.name);
    this.name = `memo-api-${props.stage}`;
    this.webAcl = new wafv2.CfnWebACL(this, 'WebAcl', {
      name: this.name,
      description: `Rate limits and AWS common rules in front of the memo-api-${props.stage} AppSync API`,
      scope: 'REGIONAL',
      defaultAction: { allow: {} },
      rules: rules.map((rule, priority) => ({ ...rule, priority })),
      visibilityConfig: visibility('WebAcl'),
    });
    new wafv2.CfnWebACLAssociation(this, 'Association', { resourceArn: props.api.arn, webAclArn: this.webAcl.attrArn });
  }
}
